//! Named word lists of the stage, written in ordinary spelling and brought to marsad-text's
//! matching form once, on first use.

use std::sync::OnceLock;

use marsad_model::cues;
use marsad_text::normalize_for_matching;
use rustc_hash::FxHashSet;

/// Function words and news boilerplate that carry no story: left out of term vectors and
/// never taken for names.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "أنه", "إنه", "أنها", "إنها", "كان", "كانت",
    "يكون", "تكون", "لم", "لن", "لا", "ما", "ماذا", "لماذا", "كيف", "هل", "قد", "لقد", "ثم", "أو",
    "أم", "بل", "لكن", "ولكن", "حتى", "إذا", "إذ", "لو", "كل", "بعض", "غير", "بين", "عند", "عندما",
    "حين", "حيث", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هنا", "هناك", "الذي", "التي",
    "الذين", "اللذين", "اللتين", "هو", "هي", "هم", "هما", "هن", "نحن", "أنا", "أنت", "انتم",
    "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "عليه",
    "عليها", "عليهم", "إليه", "إليها", "عنه", "عنها", "قبل", "بعد", "خلال", "أمام", "وراء", "فوق",
    "تحت", "دون", "ضد", "نحو", "لدى", "منذ", "أي", "أيضا", "فقط", "جدا", "كما", "مثل", "وفق",
    "وفقا", "حول", "عبر", "ضمن", "إطار", "قال", "وقال", "قالت", "يقول", "تقول", "أضاف", "وأضاف",
    "أضافت", "أكد", "وأكد", "أكدت", "أشار", "وأشار", "أشارت", "أوضح", "وأوضح", "أعلن", "أعلنت",
    "يوم", "اليوم", "أمس", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس",
    "الجمعة", "السبت", "العام", "عام", "الماضي", "المقبل", "الحالي", "حاليا", "وقت", "الوقت",
    "أكثر", "أقل", "نحو", "كذلك", "أيضاً", "ذات", "إلا", "سوف", "ليس", "ليست", "يمكن", "تم",
    "وتم", "يتم", "عدة", "عدد", "أول", "الأول", "الأولى", "ثاني", "الثاني", "الثانية", "واحد",
    "اثنين", "ثلاثة", "جديد", "الجديد", "الجديدة", "اطار", "بشأن", "بسبب", "لدي", "وذلك", "وهو",
    "وهي", "وفي", "ومن", "أنّ", "إنّ", "the", "of", "and", "to", "in", "a", "is", "for", "on",
    "with", "by", "at", "from", "as", "that", "this", "it", "an", "be", "are", "was",
];

/// Words after which a name follows ("الرئيس فلاديمير بوتين", "وزير الخارجية سيرغي لافروف";
/// words with the article right after the cue are skipped, see
/// [`crate::settings::NAME_WORDS_AFTER_CUE`]).
#[rustfmt::skip]
pub const TITLE_CUES: &[&str] = &[
    "الرئيس", "رئيس", "الزعيم", "زعيم", "الملك", "الأمير", "الشيخ", "السيد", "السيدة", "وزير",
    "وزيرة", "الوزير", "المتحدث", "المتحدثة", "الناطق", "السفير", "الجنرال", "العاهل", "المستشار",
    "المستشارة", "النائب", "الرئيسة", "المبعوث", "القائد", "اللواء", "العميد", "الدكتور", "المدير",
    "نظيره", "نظيرته", "الزعيمين",
];

/// Frequent place and person names of Arabic news, taken for names wherever they occur (other
/// names are found after title words, see [`TITLE_CUES`]).
#[rustfmt::skip]
pub const NAMES: &[&str] = &[
    "بيونغ", "يانغ", "بريطانيا", "بيروت", "بغداد", "باريس", "برلين", "بكين", "بروكسل", "بولندا",
    "بيلاروس", "باكستان", "بنغلاديش", "لندن", "لبنان", "ليبيا", "فرنسا", "فلسطين", "فنزويلا",
    "فيتنام", "فيينا", "كوريا", "كندا", "كييف", "كوبا", "كابول", "كينيا", "كولومبيا", "موسكو",
    "مصر", "سوريا", "إيران", "تركيا", "روسيا", "أوكرانيا", "أمريكا", "أميركا", "إسرائيل", "غزة",
    "طهران", "دمشق", "عمان", "أنقرة", "تونس", "قطر", "إثيوبيا", "أفغانستان", "تايوان", "اليمن",
    "العراق", "السعودية", "الرياض", "جدة", "مكة", "الإمارات", "دبي", "الكويت", "البحرين", "الأردن",
    "السودان", "الجزائر", "المغرب", "واشنطن", "الصين", "اليابان", "الهند", "ألمانيا", "إيطاليا",
    "إسبانيا", "القدس", "حلب", "إدلب", "درعا", "الغوطة", "عفرين", "الموصل", "صنعاء", "الحديدة",
    "عدن", "ليبيا", "طرابلس", "بنغازي", "القاهرة", "سيناء",
    "بوتين", "بايدن", "بلينكن", "لافروف", "كيم", "فلاديمير", "فولوديمير", "ترامب", "ترمب",
    "ماكرون", "أردوغان", "نتنياهو", "زيلينسكي", "غوتيريش", "ميركل", "ماي", "الأسد", "روحاني",
    "خامنئي", "السيسي", "الحوثي", "الحوثيين", "داعش", "حماس", "حزب", "الناتو", "طالبان",
];

/// The parts of the lists that the code asks about, in the matching form.
pub(crate) struct Lexicon {
    pub stopwords: FxHashSet<String>,
    pub title_cues: FxHashSet<String>,
    pub figure_units: FxHashSet<String>,
    pub names: FxHashSet<String>,
    /// (canonical key, spelling) with spellings in the matching form, longest first.
    pub sources: Vec<(&'static str, String)>,
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let set = |words: &[&str]| words.iter().map(|w| normalize_for_matching(w)).collect();
        // The one credit list (marsad_model::cues), without "وكالات": agencies in general
        // name no source to compare with an outlet.
        let mut sources: Vec<(&'static str, String)> = cues::SOURCES
            .iter()
            .filter(|s| s.kind != cues::SourceKind::Generic)
            .flat_map(|s| s.spellings.iter().map(|f| (s.key, spaced(f))))
            .collect();
        sources.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        Lexicon {
            stopwords: set(STOPWORDS),
            title_cues: set(TITLE_CUES),
            figure_units: set(crate::settings::FIGURE_UNIT_WORDS),
            names: set(NAMES),
            sources,
        }
    })
}

/// The matching form with every run of non-word characters made one space: credits are
/// compared on words ("أ.ف.ب" = "أ ف ب").
pub(crate) fn spaced(s: &str) -> String {
    let mut out = String::new();
    for word in normalize_for_matching(s)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        marsad_text::is_arabic_letter(c) || c.is_alphanumeric()
    }
}

/// The canonical key of an outlet or credited source: a known agency or outlet when its name
/// contains one ("CNN Arabic" → `cnn`, "الشرق الأوسط" → `asharq`), else its matching form.
pub fn source_key(name: &str) -> Option<String> {
    let words = spaced(name);
    if words.is_empty() {
        return None;
    }
    let lex = lexicon();
    let padded = format!(" {words} ");
    for (key, form) in &lex.sources {
        if padded.contains(&format!(" {form} ")) {
            return Some((*key).to_string());
        }
    }
    Some(words)
}
