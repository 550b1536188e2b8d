//! Named word lists: month names of every Arabic region, weekday names,
//! dateline labels, AM/PM markers, relative-date units.
//!
//! Entries are written in their natural spelling; [`lexicon`] normalises them
//! once (see [`crate::text::fold_char`]) so that أ/ا/إ, ة/ه and ى/ي variants
//! all match.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::text::normalize_word;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    Hijri,
}

/// Gregorian month names, index 0 = January: Egyptian/Gulf transliterations,
/// Levantine/Iraqi (Syriac) names, Algerian/Tunisian (French-based) and
/// Moroccan names, English (full and abbreviated) and French; then the
/// other European languages news pages are written in (German, Dutch,
/// Spanish, Portuguese, Italian), which HTML pages print their dates in.
/// Accented names are listed with and without the accent.
/// The two-word Levantine names are in [`TWO_WORD_MONTHS`].
pub(crate) const GREGORIAN_MONTH_NAMES: [&[&str]; 12] = [
    &[
        "يناير",
        "جانفي",
        "january",
        "jan",
        "janvier",
        "januar",
        "januari",
        "enero",
        "janeiro",
        "gennaio",
    ],
    &[
        "فبراير",
        "فيفري",
        "شباط",
        "february",
        "feb",
        "fevrier",
        "février",
        "februar",
        "februari",
        "febrero",
        "fevereiro",
        "febbraio",
    ],
    &[
        "مارس", "آذار", "march", "mar", "mars", "märz", "marz", "maerz", "maart", "marzo", "março",
        "marco",
    ],
    &[
        "أبريل",
        "إبريل",
        "أفريل",
        "نيسان",
        "april",
        "apr",
        "avril",
        "abril",
        "aprile",
    ],
    &[
        "مايو", "ماي", "أيار", "may", "mai", "mei", "mayo", "maio", "maggio",
    ],
    &[
        "يونيو",
        "يونيه",
        "جوان",
        "حزيران",
        "june",
        "jun",
        "juin",
        "juni",
        "junio",
        "junho",
        "giugno",
    ],
    &[
        "يوليو",
        "يوليه",
        "يوليوز",
        "جويلية",
        "تموز",
        "july",
        "jul",
        "juillet",
        "juli",
        "julio",
        "julho",
        "luglio",
    ],
    &[
        "أغسطس",
        "أوت",
        "غشت",
        "آب",
        "august",
        "aug",
        "aout",
        "août",
        "augustus",
        "agosto",
    ],
    &[
        "سبتمبر",
        "شتنبر",
        "أيلول",
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "settembre",
    ],
    &[
        "أكتوبر",
        "october",
        "oct",
        "octobre",
        "oktober",
        "okt",
        "octubre",
        "outubro",
        "ottobre",
    ],
    &[
        "نوفمبر",
        "نونبر",
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
    ],
    &[
        "ديسمبر",
        "دجنبر",
        "december",
        "dec",
        "décembre",
        "decembre",
        "dezember",
        "dez",
        "diciembre",
        "dezembro",
        "dicembre",
    ],
];

/// Single-word Hijri month names, index 0 = Muharram. The two-word ones
/// (Rabi', Jumada, Dhu al-Qi'da, Dhu al-Hijja) are in [`TWO_WORD_MONTHS`].
pub(crate) const HIJRI_MONTH_NAMES: [&[&str]; 12] = [
    &["محرم", "المحرم"],
    &["صفر"],
    &[],
    &[],
    &[],
    &[],
    &["رجب"],
    &["شعبان"],
    &["رمضان"],
    &["شوال"],
    &["ذوالقعدة"],
    &["ذوالحجة"],
];

/// A month written as head word + qualifier ("كانون الثاني", "ربيع الأول").
/// The head alone, or the qualifier alone ("الأول" is an ordinary word), is
/// not a month.
pub(crate) struct TwoWordMonth {
    pub calendar: Calendar,
    pub month: u8,
    pub heads: &'static [&'static str],
    pub qualifiers: &'static [&'static str],
}

const FIRST: &[&str] = &["الأول", "أول"];
const FIRST_FEM: &[&str] = &["الأولى", "أولى", "الأول", "أول"];
const SECOND: &[&str] = &["الثاني", "ثاني"];
const LAST: &[&str] = &["الآخر", "آخر", "الثاني", "ثاني"];
const LAST_FEM: &[&str] = &["الآخرة", "آخرة", "الثانية", "ثانية", "الآخر", "الثاني"];

pub(crate) const TWO_WORD_MONTHS: &[TwoWordMonth] = &[
    TwoWordMonth {
        calendar: Calendar::Gregorian,
        month: 1,
        heads: &["كانون"],
        qualifiers: SECOND,
    },
    TwoWordMonth {
        calendar: Calendar::Gregorian,
        month: 12,
        heads: &["كانون"],
        qualifiers: FIRST,
    },
    TwoWordMonth {
        calendar: Calendar::Gregorian,
        month: 10,
        heads: &["تشرين"],
        qualifiers: FIRST,
    },
    TwoWordMonth {
        calendar: Calendar::Gregorian,
        month: 11,
        heads: &["تشرين"],
        qualifiers: SECOND,
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 3,
        heads: &["ربيع"],
        qualifiers: FIRST,
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 4,
        heads: &["ربيع"],
        qualifiers: LAST,
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 5,
        heads: &["جمادى"],
        qualifiers: FIRST_FEM,
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 6,
        heads: &["جمادى"],
        qualifiers: LAST_FEM,
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 11,
        heads: &["ذو", "ذي", "ذا"],
        qualifiers: &["القعدة", "قعدة"],
    },
    TwoWordMonth {
        calendar: Calendar::Hijri,
        month: 12,
        heads: &["ذو", "ذي", "ذا"],
        qualifiers: &["الحجة", "حجة"],
    },
];

/// Weekday names (Arabic with the article, English, French).
pub(crate) const WEEKDAY_NAMES: &[&str] = &[
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الاتنين",
    "الثلاثاء",
    "الثلثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sun",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "dimanche",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    // The other European languages pages and their text dumps print
    // datelines in ("Domenica 19 Aprile 2020", "Zaterdag 26 september 2020").
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    "lunedì",
    "lunedi",
    "martedì",
    "martedi",
    "mercoledì",
    "mercoledi",
    "giovedì",
    "giovedi",
    "venerdì",
    "venerdi",
    "sabato",
    "domenica",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "mandag",
    "måndag",
    "tirsdag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "lördag",
    "søndag",
    "söndag",
];

/// Words of datelines ("تاريخ النشر", "نشر في", "آخر تحديث", "Published on",
/// "Last updated", "الموافق", "الساعة"): counted as date furniture by
/// [`crate::date_coverage`] and allowed between a date and its time.
pub(crate) const DATE_LABELS: &[&str] = &[
    "تاريخ",
    "التاريخ",
    "بتاريخ",
    "النشر",
    "نشر",
    "نشرت",
    "منشور",
    "في",
    "آخر",
    "تحديث",
    "التحديث",
    "تحدیث",
    "محدث",
    "الموافق",
    "يوم",
    "الساعة",
    "بتوقيت",
    "توقيت",
    "published",
    "posted",
    "updated",
    "update",
    "modified",
    "last",
    "date",
    "on",
    "at",
    // European datelines: "Veröffentlicht am 13. Mai 2026 um 15:44",
    // "Publicado: 06/05/2020", "Pubblicato il …", "Publisert 06.01.2026 kl. 17:29".
    "veröffentlicht",
    "aktualisiert",
    "publiziert",
    "erstellt",
    "geschrieben",
    "stand",
    "zuletzt",
    "zuerst",
    "am",
    "um",
    "uhr",
    "publié",
    "modifié",
    "mis",
    "jour",
    "le",
    "publicado",
    "actualizado",
    "atualizado",
    "el",
    "em",
    "às",
    "pubblicato",
    "aggiornato",
    "il",
    "alle",
    "ore",
    "gepubliceerd",
    "bijgewerkt",
    "laatste",
    "op",
    "om",
    "publisert",
    "publiceret",
    "publicerad",
    "oppdatert",
    "opdateret",
    "uppdaterad",
    "kl",
    "julkaistu",
    "päivitetty",
    "klo",
];

/// Time-zone words after a time ("GMT", "بتوقيت غرينتش", "بتوقيت مكة المكرمة").
pub(crate) const TIME_ZONE_WORDS: &[&str] = &[
    "gmt",
    "utc",
    "ut",
    "est",
    "edt",
    "cet",
    "cest",
    "bst",
    "mez",
    "mesz",
    "cdt",
    "cst",
    "pdt",
    "pst",
    "غرينتش",
    "جرينتش",
    "غرينيتش",
    "مكة",
    "المكرمة",
    "القاهرة",
];

/// Words introducing a zone name ("بتوقيت القدس"): the next word is the zone.
pub(crate) const ZONE_INTRO_WORDS: &[&str] = &["بتوقيت", "توقيت"];

/// Before-noon markers after a time: "ص", "صباحاً", "am".
pub(crate) const AM_MARKERS: &[&str] = &["ص", "صباحا", "صباحاً", "صباح", "فجرا", "فجراً", "am"];
/// After-noon markers: "م", "مساءً", "pm". ("م" after a year is the
/// Gregorian era instead, see [`GREGORIAN_YEAR_MARKERS`].)
pub(crate) const PM_MARKERS: &[&str] = &["م", "مساء", "مساءً", "مساءا", "عصرا", "عصراً", "pm"];
/// "ظهراً": 12 and 1–6 are afternoon, other hours as written.
pub(crate) const NOON_MARKERS: &[&str] = &["ظهرا", "ظهراً"];
/// "ليلاً": 6–11 are evening, 12 is midnight, 1–5 as written.
pub(crate) const NIGHT_MARKERS: &[&str] = &["ليلا", "ليلاً"];

/// Era markers after a year: "2020م", "2020 ميلادي".
pub(crate) const GREGORIAN_YEAR_MARKERS: &[&str] = &["م", "ميلادي", "ميلادية"];
/// Hijri era markers after a year: "1441هـ", "1441 ه", "هجري".
pub(crate) const HIJRI_YEAR_MARKERS: &[&str] = &["هـ", "ه", "هجري", "هجرية"];

/// English ordinal suffixes glued to a day number: "28th".
pub(crate) const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// Words allowed between a day and its month, and between a month and its
/// year: "28th of June", "3 من شهر مارس", "2 de abril de 2020".
pub(crate) const DAY_MONTH_FILLERS: &[&str] = &["of", "من", "شهر", "de", "del"];

/// Words allowed between a date and its time besides labels and weekdays:
/// "… at 14:31", "… على الساعة 14:31", "الساعة 10:30 من يوم …", ISO "…T14:31".
pub(crate) const TIME_CONNECTOR_WORDS: &[&str] = &["على", "من", "t", "à"];

/// Punctuation allowed between a date and its time.
pub(crate) const TIME_CONNECTOR_PUNCT: &[char] = &[
    '-', '–', '—', '|', ',', '،', '/', '•', '·', '؛', ';', '@', '(', ')', '[', ']', ':', 'ـ',
];

/// Relative-date units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// Unit words, singular and plural ("3 ساعات", "15 ساعة", "3 hours").
pub(crate) const RELATIVE_UNITS: &[(Unit, &[&str])] = &[
    (
        Unit::Second,
        &[
            "ثانية",
            "ثوان",
            "ثواني",
            "ثوانٍ",
            "second",
            "seconds",
            "sec",
            "secs",
            "sekunden",
            "segundos",
            "seconden",
            "sekunder",
        ],
    ),
    (
        Unit::Minute,
        &[
            "دقيقة",
            "دقائق",
            "دقايق",
            "minute",
            "minutes",
            "min",
            "mins",
            "minuten",
            "minuto",
            "minutos",
            "minuut",
            "minutt",
            "minutter",
            "minuter",
        ],
    ),
    (
        Unit::Hour,
        &[
            "ساعة",
            "ساعات",
            "hour",
            "hours",
            "hr",
            "hrs",
            "stunde",
            "stunden",
            "hora",
            "horas",
            "uur",
            "timer",
            "timme",
            "timmar",
        ],
    ),
    (
        Unit::Day,
        &[
            "يوم", "أيام", "day", "days", "tag", "tagen", "día", "días", "dia", "dias", "dag",
            "dagen", "dager", "dagar", "dage",
        ],
    ),
    (
        Unit::Week,
        &[
            "أسبوع",
            "أسابيع",
            "week",
            "weeks",
            "woche",
            "wochen",
            "semana",
            "semanas",
            "weken",
            "uke",
            "uker",
            "vecka",
            "veckor",
        ],
    ),
    (
        Unit::Month,
        &[
            "شهر", "أشهر", "شهور", "month", "months", "monat", "monaten", "mes", "meses", "maand",
            "maanden", "måned", "måneder", "månad", "månader",
        ],
    ),
    (
        Unit::Year,
        &[
            "سنة",
            "سنوات",
            "سنين",
            "عام",
            "أعوام",
            "year",
            "years",
            "jahr",
            "jahren",
            "año",
            "años",
            "jaar",
            "år",
        ],
    ),
];

/// Arabic dual forms, meaning "two units": "منذ يومين".
pub(crate) const RELATIVE_DUALS: &[(Unit, &[&str])] = &[
    (Unit::Second, &["ثانيتين", "ثانيتان"]),
    (Unit::Minute, &["دقيقتين", "دقيقتان"]),
    (Unit::Hour, &["ساعتين", "ساعتان"]),
    (Unit::Day, &["يومين", "يومان"]),
    (Unit::Week, &["أسبوعين", "أسبوعان"]),
    (Unit::Month, &["شهرين", "شهران"]),
    (Unit::Year, &["سنتين", "عامين", "سنتان", "عامان"]),
];

/// Words that open a relative date: "منذ 3 ساعات", "قبل 5 دقائق", "vor 14
/// Minuten", "hace 2 horas".
pub(crate) const RELATIVE_PREFIXES: &[&str] = &["منذ", "قبل", "vor", "hace"];
/// Words that close a relative date: "3 hours ago", "7 minuten geleden",
/// "3 timer siden", "2 dagar sedan".
pub(crate) const RELATIVE_SUFFIXES: &[&str] = &["ago", "geleden", "siden", "sedan"];
/// Approximation words allowed after the prefix: "منذ نحو ساعتين".
pub(crate) const RELATIVE_FILLERS: &[&str] = &["نحو", "حوالي", "حوالى", "قرابة"];
/// "One unit" words in English: "an hour ago".
pub(crate) const ENGLISH_ONE: &[&str] = &["a", "an", "one"];
/// "منذ قليل", "منذ لحظات": just now.
pub(crate) const JUST_NOW_AFTER_PREFIX: &[&str] = &["قليل", "لحظات", "لحظة"];
/// English two-word "just now" phrases.
pub(crate) const ENGLISH_JUST_NOW: &[(&str, &str)] = &[("just", "now"), ("moments", "ago")];
pub(crate) const YESTERDAY_WORDS: &[&str] = &["أمس", "الأمس", "البارحة", "yesterday"];
pub(crate) const TODAY_WORDS: &[&str] = &["اليوم", "today"];
/// "أول أمس" / "أول من أمس": the day before yesterday.
pub(crate) const BEFORE_YESTERDAY_HEAD: &str = "أول";

// Lexeme flags.
pub(crate) const WEEKDAY: u32 = 1;
pub(crate) const LABEL: u32 = 1 << 1;
pub(crate) const TIME_ZONE: u32 = 1 << 2;
pub(crate) const AM: u32 = 1 << 3;
pub(crate) const PM: u32 = 1 << 4;
pub(crate) const NOON: u32 = 1 << 5;
pub(crate) const NIGHT: u32 = 1 << 6;
pub(crate) const GREGORIAN_MARK: u32 = 1 << 7;
pub(crate) const HIJRI_MARK: u32 = 1 << 8;
pub(crate) const ORDINAL: u32 = 1 << 9;
pub(crate) const FILLER: u32 = 1 << 10;
pub(crate) const CONNECTOR: u32 = 1 << 11;
pub(crate) const REL_PREFIX: u32 = 1 << 12;
pub(crate) const REL_SUFFIX: u32 = 1 << 13;
pub(crate) const REL_FILLER: u32 = 1 << 14;
pub(crate) const ONE: u32 = 1 << 15;
pub(crate) const JUST_NOW: u32 = 1 << 16;
pub(crate) const YESTERDAY: u32 = 1 << 17;
pub(crate) const TODAY: u32 = 1 << 18;
pub(crate) const ZONE_INTRO: u32 = 1 << 19;
/// First word of a two-word month ("كانون", "ربيع", "ذو").
pub(crate) const MONTH_HEAD: u32 = 1 << 20;

/// Flags of words that are date furniture in a dateline.
pub(crate) const FURNITURE: u32 =
    WEEKDAY | LABEL | TIME_ZONE | AM | PM | NOON | NIGHT | GREGORIAN_MARK | HIJRI_MARK;

/// What one normalised word can mean.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Lexeme {
    pub month: Option<(Calendar, u8)>,
    pub unit: Option<Unit>,
    pub dual: Option<Unit>,
    pub flags: u32,
}

/// FNV-1a: the lexicon's keys are short words, where SipHash's setup cost
/// dominates. No untrusted keys are ever inserted.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type WordMap = HashMap<String, Lexeme, BuildHasherDefault<Fnv>>;

pub(crate) struct Lexicon {
    words: WordMap,
    two_word: Vec<(Calendar, u8, Vec<String>, Vec<String>)>,
    before_yesterday: String,
}

/// The normalised lexicon, built once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

impl Lexicon {
    fn build() -> Self {
        let mut words = WordMap::default();
        fn entry<'m>(words: &'m mut WordMap, w: &str) -> &'m mut Lexeme {
            words.entry(normalize_word(w)).or_default()
        }
        for (calendar, table) in [
            (Calendar::Gregorian, &GREGORIAN_MONTH_NAMES),
            (Calendar::Hijri, &HIJRI_MONTH_NAMES),
        ] {
            for (names, month) in table.iter().zip(1u8..) {
                for name in names.iter() {
                    entry(&mut words, name).month = Some((calendar, month));
                }
            }
        }
        for (unit, names) in RELATIVE_UNITS {
            for name in names.iter() {
                entry(&mut words, name).unit = Some(*unit);
            }
        }
        for (unit, names) in RELATIVE_DUALS {
            for name in names.iter() {
                entry(&mut words, name).dual = Some(*unit);
            }
        }
        let flagged: [(&[&str], u32); 20] = [
            (ZONE_INTRO_WORDS, ZONE_INTRO),
            (WEEKDAY_NAMES, WEEKDAY),
            (DATE_LABELS, LABEL),
            (TIME_ZONE_WORDS, TIME_ZONE),
            (AM_MARKERS, AM),
            (PM_MARKERS, PM),
            (NOON_MARKERS, NOON),
            (NIGHT_MARKERS, NIGHT),
            (GREGORIAN_YEAR_MARKERS, GREGORIAN_MARK),
            (HIJRI_YEAR_MARKERS, HIJRI_MARK),
            (ORDINAL_SUFFIXES, ORDINAL),
            (DAY_MONTH_FILLERS, FILLER),
            (TIME_CONNECTOR_WORDS, CONNECTOR),
            (RELATIVE_PREFIXES, REL_PREFIX),
            (RELATIVE_SUFFIXES, REL_SUFFIX),
            (RELATIVE_FILLERS, REL_FILLER),
            (ENGLISH_ONE, ONE),
            (JUST_NOW_AFTER_PREFIX, JUST_NOW),
            (YESTERDAY_WORDS, YESTERDAY),
            (TODAY_WORDS, TODAY),
        ];
        for (names, flag) in flagged {
            for name in names {
                entry(&mut words, name).flags |= flag;
            }
        }
        for m in TWO_WORD_MONTHS {
            for head in m.heads {
                entry(&mut words, head).flags |= MONTH_HEAD;
            }
        }
        let norm_all = |ws: &[&str]| ws.iter().map(|w| normalize_word(w)).collect::<Vec<_>>();
        let two_word = TWO_WORD_MONTHS
            .iter()
            .map(|m| {
                (
                    m.calendar,
                    m.month,
                    norm_all(m.heads),
                    norm_all(m.qualifiers),
                )
            })
            .collect();
        Lexicon {
            words,
            two_word,
            before_yesterday: normalize_word(BEFORE_YESTERDAY_HEAD),
        }
    }

    /// The lexeme of a normalised word.
    pub(crate) fn get(&self, word: &str) -> Option<&Lexeme> {
        self.words.get(word)
    }

    /// Whether the normalised word carries any of `flags`.
    pub(crate) fn has(&self, word: &str, flags: u32) -> bool {
        self.get(word).is_some_and(|l| l.flags & flags != 0)
    }

    /// A single-word month, leniently also with a leading article ("الماي").
    pub(crate) fn month(&self, word: &str) -> Option<(Calendar, u8)> {
        self.get(word)
            .and_then(|l| l.month)
            .or_else(|| self.get(word.strip_prefix("ال")?)?.month)
    }

    /// A two-word month ("كانون الثاني", "ذو الحجة").
    pub(crate) fn two_word_month(&self, head: &str, qualifier: &str) -> Option<(Calendar, u8)> {
        self.two_word
            .iter()
            .find(|(_, _, heads, quals)| {
                heads.iter().any(|h| h == head) && quals.iter().any(|q| q == qualifier)
            })
            .map(|(c, m, _, _)| (*c, *m))
    }

    pub(crate) fn is_before_yesterday_head(&self, word: &str) -> bool {
        word == self.before_yesterday
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gregorian_month_has_names() {
        let lex = lexicon();
        for (names, month) in GREGORIAN_MONTH_NAMES.iter().zip(1u8..) {
            for name in names.iter() {
                assert_eq!(
                    lex.month(&normalize_word(name)),
                    Some((Calendar::Gregorian, month)),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn spelling_variants_match() {
        let lex = lexicon();
        for (w, m) in [
            ("ابريل", 4),
            ("إبريل", 4),
            ("افريل", 4),
            ("اغسطس", 8),
            ("اوت", 8),
            ("اكتوبر", 10),
            ("اذار", 3),
            ("ايار", 5),
            ("ايلول", 9),
            ("جويليه", 7),
            ("اب", 8),
        ] {
            assert_eq!(
                lex.month(&normalize_word(w)),
                Some((Calendar::Gregorian, m)),
                "{w}"
            );
        }
        assert_eq!(lex.month("الاول"), None);
        assert_eq!(lex.month("كانون"), None);
    }

    #[test]
    fn two_word_months() {
        let lex = lexicon();
        let two = |a: &str, b: &str| lex.two_word_month(&normalize_word(a), &normalize_word(b));
        assert_eq!(two("كانون", "الثاني"), Some((Calendar::Gregorian, 1)));
        assert_eq!(two("كانون", "الأول"), Some((Calendar::Gregorian, 12)));
        assert_eq!(two("تشرين", "الأول"), Some((Calendar::Gregorian, 10)));
        assert_eq!(two("تشرين", "ثاني"), Some((Calendar::Gregorian, 11)));
        assert_eq!(two("ربيع", "الآخر"), Some((Calendar::Hijri, 4)));
        assert_eq!(two("جمادى", "الأولى"), Some((Calendar::Hijri, 5)));
        assert_eq!(two("جمادي", "الثانية"), Some((Calendar::Hijri, 6)));
        assert_eq!(two("ذي", "الحجة"), Some((Calendar::Hijri, 12)));
        assert_eq!(two("الفصل", "الثاني"), None);
    }
}
