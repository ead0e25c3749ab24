import { describe, expect, it } from 'vitest';
import { checkIdentifiability, type FamilyContext, type ProfileTextForCheck } from './identifiability';

const family: FamilyContext = {
  names: ['Fatima el Amrani'],
  gemeenteName: 'Beekdaelen',
  kernen: ['Schimmert', 'Oirsbeek', 'Amstenrade', 'Nuth', 'Onderbanken', 'Hulsberg'],
};

function check(story: string, extra: Partial<ProfileTextForCheck> = {}, fam: FamilyContext = family) {
  return checkIdentifiability(
    { fields: { story }, kern: 'Beekdaelen', children: [{ minAge: 6, maxAge: 9 }], ...extra },
    fam,
  );
}
const kinds = (story: string, extra?: Partial<ProfileTextForCheck>, fam?: FamilyContext) =>
  check(story, extra, fam).map((f) => `${f.kind}:${f.match}`);

describe('a clean, realistic profile', () => {
  it('raises nothing', () => {
    const story =
      'Een moeder met drie kinderen zoekt een gezin in de buurt. De oudste is een tiener, de jongste zit op de peuterspeelzaal. ' +
      'Ze houden van buiten spelen, knutselen en voetbal. Op woensdagmiddag zou het fijn zijn als de middelste ergens kan spelen. ' +
      'Eens per maand een nachtje logeren zou moeder even lucht geven. Jullie hoeven niets bijzonders te doen: gewoon meedraaien in jullie gezin. ' +
      'Buurtgezinnen helpt jullie op weg, en met Sinterklaas is er een feest voor alle gezinnen in Beekdaelen.';
    expect(check(story)).toEqual([]);
  });

  it('accepts place names of the gemeente mid-sentence', () => {
    expect(kinds('Het gezin woont sinds kort in Oirsbeek en kent nog weinig mensen in Nuth of Schimmert.')).toEqual([]);
  });
});

describe('names', () => {
  it("flags the parent's name from the record, also its parts", () => {
    expect(kinds('Fatima is een lieve moeder. Mevrouw el Amrani werkt parttime.')).toEqual(
      expect.arrayContaining(['family-name:Fatima', 'family-name:el Amrani']),
    );
  });

  it('does not take "Familie" or "gezin" from "Familie Dassen" for a name', () => {
    const found = kinds('Het gezin zoekt een familie in de buurt. De familie Dassen woont om de hoek.', undefined, {
      ...family,
      names: ['Familie Dassen', 'Mo en Fatima'],
    });
    expect(found).toEqual(['family-name:familie Dassen']);
  });

  it("flags a child's name in the middle of a sentence", () => {
    expect(kinds('De oudste, Sanne, zit in groep 5 en houdt van paarden.')).toContain('personal-name:Sanne');
  });

  it('flags a common first name at the start of a sentence', () => {
    expect(kinds('Daan is zeven en speelt graag buiten.')).toContain('personal-name:Daan');
  });

  it('flags an unknown capitalised word mid-sentence as a possible name', () => {
    expect(kinds('Haar zoon Jorrit is dol op treinen.')).toContain('personal-name:Jorrit');
  });

  it('flags names with particles', () => {
    const found = kinds('De buurvrouw, mevrouw van der Linden, past soms op. Ook meneer De Vries helpt.');
    expect(found).toContain('personal-name:van der Linden');
    expect(found).toContain('personal-name:De Vries');
  });

  it('flags children names when the record has them', () => {
    const withChildren: FamilyContext = { ...family, names: ['Priscilla Jansen', 'Noortje', 'Kai'] };
    expect(kinds('noortje en kai spelen graag samen.', undefined, withChildren)).toEqual(
      expect.arrayContaining(['family-name:noortje', 'family-name:kai']),
    );
  });
});

describe('contact details and addresses', () => {
  it.each([
    ['Bel gerust 06-12345678 voor meer informatie.', '06-12345678'],
    ['Bel gerust 06 1234 5678.', '06 1234 5678'],
    ['Of bel +31 6 12345678.', '+31 6 12345678'],
    ['Het vaste nummer is 045-5271234.', '045-5271234'],
    ['Het vaste nummer is 020 123 4567.', '020 123 4567'],
  ])('flags the phone number in %s', (story, number) => {
    expect(kinds(story)).toContain(`phone:${number}`);
  });

  it('flags e-mail addresses', () => {
    expect(kinds('Mail naar fatima.amrani82@gmail.com als je wilt.')).toContain('email:fatima.amrani82@gmail.com');
  });

  it.each([
    ['Ze wonen aan de Kerkstraat 12 in Nuth.', 'Kerkstraat 12'],
    ['Het huis staat op de Burgemeester Janssenlaan 4a.', 'Burgemeester Janssenlaan 4a'],
    ['Vlak bij Laan van Meerdervoort 120 is een speeltuin.', 'Laan van Meerdervoort 120'],
    ['Ons adres is Hoofdweg 3.', 'Hoofdweg 3'],
  ])('flags the address in %s', (story, address) => {
    expect(kinds(story)).toContain(`address:${address}`);
  });

  it('names an address once, not also as a name with a particle', () => {
    expect(kinds('Daan woont aan de Kerkstraat 4.')).toEqual(['personal-name:Daan', 'address:Kerkstraat 4']);
  });

  it('flags postcodes, with and without a space', () => {
    const found = kinds('Postcode 6361 AB of 6361AB hoort er niet in.');
    expect(found).toContain('postcode:6361 AB');
    expect(found).toContain('postcode:6361AB');
  });

  it('does not take a year followed by a word for a postcode', () => {
    expect(kinds('Sinds 2019 en in 2024 is er veel veranderd.')).toEqual([]);
  });
});

describe('schools and dates', () => {
  it.each([
    ['De kinderen gaan naar basisschool De Regenboog.', 'basisschool De Regenboog'],
    ['De jongste zit op OBS Klimop in het dorp.', 'OBS Klimop'],
    ['Ze zit op de Mariaschool.', 'Mariaschool'],
    ['De oudste gaat naar het Bernardinus College.', 'Bernardinus College'],
  ])('flags the school in %s', (story, school) => {
    expect(kinds(story)).toContain(`school:${school}`);
  });

  it('lets "de basisschool in het dorp" pass', () => {
    expect(kinds('De kinderen gaan naar de basisschool in het dorp.')).toEqual([]);
  });

  it.each([
    ['Hij is geboren op 12-03-2017.', '12-03-2017'],
    ['Ze is jarig op 3 maart.', '3 maart'],
    ['Geboren 14 februari 2016.', '14 februari 2016'],
  ])('flags the exact date in %s', (story, date) => {
    expect(kinds(story)).toContain(`birth-date:${date}`);
  });
});

describe('diagnoses and sensitive words', () => {
  it.each([
    ['De zoon heeft ADHD en veel energie.', 'ADHD'],
    ['Door autisme is naar school gaan moeilijk.', 'autisme'],
    ['Moeder heeft een depressie gehad.', 'depressie'],
    ['Na een psychose is ze weer thuis.', 'psychose'],
    ['Vader heeft een verslaving.', 'verslaving'],
    ['Er zijn schulden door de scheiding.', 'schulden'],
    ['Er was sprake van huiselijk geweld.', 'huiselijk geweld'],
    ['De jongste heeft een licht verstandelijke beperking.', 'verstandelijke beperking'],
    ['De zoon gaat naar speciaal onderwijs.', 'speciaal onderwijs'],
    ['Vader zit sinds januari in de bijstand.', 'bijstand'],
  ])('flags %s', (story, word) => {
    expect(kinds(story)).toContain(`sensitive:${word}`);
  });

  it('does not flag "add" or "ms" written as ordinary lower-case words', () => {
    expect(check('Wij add-en niets toe, ms. bedankt.').filter((f) => f.kind === 'sensitive')).toEqual([]);
  });
});

describe('combinations', () => {
  it('warns about a village with exact ages', () => {
    const flags = check('Een moeder met twee kinderen.', {
      kern: 'Schimmert',
      children: [
        { minAge: 7, maxAge: 7 },
        { minAge: 3, maxAge: 3 },
      ],
    });
    expect(flags.map((f) => f.kind)).toEqual(['combination']);
    expect(flags[0]!.match).toBe('Schimmert + 7 jaar, 3 jaar');
  });

  it('is quiet with age ranges, or with the gemeente instead of a village', () => {
    expect(check('Een moeder met twee kinderen.', { kern: 'Schimmert', children: [{ minAge: 6, maxAge: 9 }] })).toEqual(
      [],
    );
    expect(
      check('Een moeder met twee kinderen.', { kern: 'Beekdaelen', children: [{ minAge: 7, maxAge: 7 }] }),
    ).toEqual([]);
  });
});

describe('flag keys', () => {
  it('are stable for the same finding and differ per field', () => {
    const a = checkIdentifiability(
      { fields: { story: 'Daan speelt.', title: 'Daan zoekt een maatje' }, kern: 'Beekdaelen', children: [] },
      family,
    );
    const b = checkIdentifiability(
      { fields: { story: 'Hier speelt Daan.', title: 'Daan zoekt een maatje' }, kern: 'Beekdaelen', children: [] },
      family,
    );
    expect(a.map((f) => f.key).sort()).toEqual(b.map((f) => f.key).sort());
    expect(new Set(a.map((f) => f.key)).size).toBe(2);
  });
});
