//! The named vocabularies of the stage, one table per purpose, all in the matching form of
//! `marsad-text` (alef forms folded to ا, ى to ي, ة to ه, hamza on a carrier to ء) and
//! compared with a word's clitic-free base (so وقال, فقال meet قال; والرئيس meets رئيس).

/// Titles and roles that stand before a person's name: "الرئيس فلاديمير بوتين",
/// "وزيرة خارجية كوريا الشمالية تشوي سون هوي". A role phrase starts at one of these.
pub static ROLE_HEADS: &[&str] = &[
    "رءيس",
    "رءيسه",
    "وزير",
    "وزيره",
    "ناءب",
    "ناءبه",
    "متحدث",
    "متحدثه",
    "ناطق",
    "ناطقه",
    "زعيم",
    "زعيمه",
    "ملك",
    "ملكه",
    "عاهل",
    "امير",
    "اميره",
    "ولي",
    "سفير",
    "سفيره",
    "مستشار",
    "مستشاره",
    "قاءد",
    "مدير",
    "مديره",
    "امين",
    "مندوب",
    "مندوبه",
    "مبعوث",
    "ممثل",
    "جنرال",
    "عقيد",
    "لواء",
    "عميد",
    "شيخ",
    "سيد",
    "سيده",
    "دكتور",
    "سناتور",
    "سيناتور",
    "مرشد",
    "بابا",
    "محلل",
    "خبير",
    "باحث",
    "استاذ",
    "بروفيسور",
    "مراسل",
    "صحفي",
    "كاتب",
    "معلق",
    "مسءول",
    "قاضي",
    "مدعي",
    "حاكم",
    "محافظ",
    "عمده",
    "مساعد",
    "طبيب",
    "المرشح",
    "مرشح",
    "نجم",
    "لاعب",
    "مدرب",
    "الفنان",
    "فنان",
    "المغني",
    "مغني",
    "الممثل",
    "الممثله",
    "سكرتير",
    "كبير",
    "كبيره",
];

/// Words that head an organisation's name: "وزارة الخارجية الروسية", "مجلس الأمن".
pub static ORG_HEADS: &[&str] = &[
    "وزاره",
    "مجلس",
    "حزب",
    "وكاله",
    "جامعه",
    "منظمه",
    "شركه",
    "حركه",
    "جبهه",
    "هيءه",
    "لجنه",
    "بنك",
    "مصرف",
    "صندوق",
    "اتحاد",
    "جمعيه",
    "مءسسه",
    "مركز",
    "معهد",
    "محكمه",
    "برلمان",
    "حلف",
    "تحالف",
    "اكاديميه",
    "نقابه",
    "مكتب",
    "صحيفه",
    "قناه",
    "اذاعه",
    "مفوضيه",
    "بورصه",
    "ناد",
    "نادي",
    "منتدي",
    "كليه",
    "مستشفي",
    "اداره",
    "سلطه",
    "ديوان",
    "رابطه",
];

/// Verbs that introduce speech, direct or reported (قال، أكد، أضاف…), masculine and
/// feminine past and present forms.
pub static SPEECH_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "اكد",
    "اكدت",
    "يءكد",
    "تءكد",
    "اضاف",
    "اضافت",
    "اوضح",
    "اوضحت",
    "صرح",
    "صرحت",
    "اعلن",
    "اعلنت",
    "تابع",
    "تابعت",
    "ذكر",
    "ذكرت",
    "اشار",
    "اشارت",
    "شدد",
    "شددت",
    "لفت",
    "لفتت",
    "كشف",
    "كشفت",
    "اعتبر",
    "اعتبرت",
    "راي",
    "رات",
    "نفي",
    "نفت",
    "حذر",
    "حذرت",
    "دعا",
    "دعت",
    "اردف",
    "اردفت",
    "استطرد",
    "اعرب",
    "اعربت",
    "افاد",
    "افادت",
    "زعم",
    "زعمت",
    "اقر",
    "اقرت",
    "اعترف",
    "اعترفت",
    "وصف",
    "وصفت",
    "كتب",
    "كتبت",
    "غرد",
    "غردت",
    "ختم",
    "ختمت",
    "ردد",
    "ردت",
    "رد",
    "علق",
    "علقت",
    "قالوا",
    "اكدوا",
    "اضافوا",
    "سخر",
    "سخرت",
    "تساءل",
    "تساءلت",
    "اوضحوا",
    "ذكروا",
    "اعلنوا",
    "صرحوا",
    "اشاروا",
];

/// Words that head a place name built on another name: "ساحة كيم إيل سونغ", "مطار بيروت".
pub static LOC_HEADS: &[&str] = &[
    "ساحه",
    "ميدان",
    "شارع",
    "مطار",
    "جسر",
    "ميناء",
    "مرفا",
    "جزيره",
    "جزر",
    "نهر",
    "بحيره",
    "جبل",
    "جبال",
    "صحراء",
    "خليج",
    "مضيق",
    "قناه",
    "حي",
    "مخيم",
    "معبر",
    "سد",
];

/// Words that link an organisation to the one it belongs to: "مجلس الأمن التابع للأمم
/// المتحدة" is one name.
pub static BELONGS_TO: &[&str] = &["تابع", "تابعه"];

/// Speech verbs that continue the previous speaker when no subject follows ("وأضاف").
pub static CONTINUATION_VERBS: &[&str] = &[
    "اضاف",
    "اضافت",
    "تابع",
    "تابعت",
    "اردف",
    "اردفت",
    "استطرد",
    "ختم",
    "ختمت",
    "مضي",
];

/// Words that open reported content after a speech verb: قال إن …، أكد أن …
pub static THAT_WORDS: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"];

/// Verbs of relaying: "نقلت وكالة … عن X قوله".
pub static RELAY_VERBS: &[&str] = &["نقل", "نقلت", "نقلا", "ينقل", "تنقل"];

/// Words that follow the relayed speaker: "عن X قوله", "عن X قولها".
pub static SAYING_NOUNS: &[&str] = &["قوله", "قولها", "قولهم", "تاكيده", "تاكيدها"];

/// Attribution phrases whose next word names the source: "وفقا لـ X", "بحسب X".
/// Each is a sequence of bases; the last one may carry the ل of "لـ X" as a proclitic.
pub const ACCORDING_TO: &[&[&str]] = &[
    &["وفقا"],
    &["طبقا"],
    &["بحسب"],
    &["حسب"],
    &["حسبما"],
    &["نقلا", "عن"],
];

/// Qualifiers of a figure, matched on the words before its number, longest first.
pub const FIGURE_QUALIFIERS: &[(&[&str], &str)] = &[
    (&["ما", "يزيد", "علي"], "أكثر من"),
    (&["ما", "يزيد", "عن"], "أكثر من"),
    (&["ما", "لا", "يقل", "عن"], "لا يقل عن"),
    (&["ما", "يقرب", "من"], "نحو"),
    (&["اكثر", "من"], "أكثر من"),
    (&["اقل", "من"], "أقل من"),
    (&["اكثر", "من"], "أكثر من"),
    (&["ازيد", "من"], "أكثر من"),
    (&["قرابه"], "نحو"),
    (&["نحو"], "نحو"),
    (&["حوالي"], "حوالي"),
    (&["زهاء"], "نحو"),
    (&["قرابه"], "نحو"),
    (&["تقريبا"], "نحو"),
    (&["اكثر"], "أكثر من"),
    (&["فقط"], "فقط"),
];

/// Number words: (matching form, value). Ones, tens and hundreds; feminine and masculine,
/// nominative and oblique forms.
pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("واحد", 1.0),
    ("واحده", 1.0),
    ("اثنان", 2.0),
    ("اثنين", 2.0),
    ("اثنتان", 2.0),
    ("اثنتين", 2.0),
    ("ثلاث", 3.0),
    ("ثلاثه", 3.0),
    ("اربع", 4.0),
    ("اربعه", 4.0),
    ("خمس", 5.0),
    ("خمسه", 5.0),
    ("ست", 6.0),
    ("سته", 6.0),
    ("سبع", 7.0),
    ("سبعه", 7.0),
    ("ثماني", 8.0),
    ("ثمانيه", 8.0),
    ("ثمان", 8.0),
    ("تسع", 9.0),
    ("تسعه", 9.0),
    ("عشر", 10.0),
    ("عشره", 10.0),
    ("عشرون", 20.0),
    ("عشرين", 20.0),
    ("ثلاثون", 30.0),
    ("ثلاثين", 30.0),
    ("اربعون", 40.0),
    ("اربعين", 40.0),
    ("خمسون", 50.0),
    ("خمسين", 50.0),
    ("ستون", 60.0),
    ("ستين", 60.0),
    ("سبعون", 70.0),
    ("سبعين", 70.0),
    ("ثمانون", 80.0),
    ("ثمانين", 80.0),
    ("تسعون", 90.0),
    ("تسعين", 90.0),
    ("مءه", 100.0),
    ("ماءه", 100.0),
    ("مءتان", 200.0),
    ("مءتين", 200.0),
    ("ماءتان", 200.0),
    ("ماءتين", 200.0),
];

/// Multipliers: (matching form, factor, is it a dual). "3 ملايين" = 3,000,000; the dual
/// alone is a number: "ألفان" = 2,000.
pub const MULTIPLIERS: &[(&str, f64, bool)] = &[
    ("الف", 1e3, false),
    ("الاف", 1e3, false),
    ("الفا", 1e3, false),
    ("الفان", 1e3, true),
    ("الفين", 1e3, true),
    ("مليون", 1e6, false),
    ("ملايين", 1e6, false),
    ("مليونا", 1e6, false),
    ("مليونان", 1e6, true),
    ("مليونين", 1e6, true),
    ("مليار", 1e9, false),
    ("مليارات", 1e9, false),
    ("مليارا", 1e9, false),
    ("ملياران", 1e9, true),
    ("مليارين", 1e9, true),
    ("بليون", 1e9, false),
    ("بلايين", 1e9, false),
    ("تريليون", 1e12, false),
    ("مءات", 100.0, false),
    ("عشرات", 10.0, false),
];

/// Fractions that multiply a sized unit: "ربع قرن" = 25 years.
pub const FRACTIONS: &[(&str, f64)] = &[("ربع", 0.25), ("نصف", 0.5), ("ثلث", 1.0 / 3.0)];

/// Units whose size is a number of a smaller unit: "ربع قرن" = 25 years.
pub const SIZED_UNITS: &[(&str, f64, &str)] = &[
    ("قرن", 100.0, "عام"),
    ("عقد", 10.0, "عام"),
    ("ساعه", 60.0, "دقيقة"),
];

/// What a figure counts: (forms in the matching form, unit as shown). Multi-word forms come
/// first so that "قاعدة عسكرية" wins over "قاعدة". Accusative -ا and plural forms are
/// listed where they differ from the singular.
pub const UNITS: &[(&[&str], &str)] = &[
    (&["قاعده عسكريه", "قواعد عسكريه"], "قاعدة عسكرية"),
    (&["فرصه عمل", "فرص عمل"], "فرصة عمل"),
    (&["جندي", "جنود", "جنديا"], "جندي"),
    (&["عسكري", "عسكريين", "عسكريا"], "عسكري"),
    (&["مقاتل", "مقاتلين", "مقاتلا"], "مقاتل"),
    (&["مسلح", "مسلحين", "مسلحا"], "مسلح"),
    (&["حاويه", "حاويات"], "حاوية"),
    (&["قذيفه", "قذاءف"], "قذيفة"),
    (&["طلقه", "طلقات"], "طلقة"),
    (&["صاروخ", "صواريخ", "صاروخا"], "صاروخ"),
    (&["طاءره", "طاءرات"], "طائرة"),
    (&["دبابه", "دبابات"], "دبابة"),
    (&["سفينه", "سفن"], "سفينة"),
    (&["قاعده", "قواعد"], "قاعدة"),
    (&["ماده", "مواد"], "مادة"),
    (&["دولار", "دولارات", "دولارا"], "دولار"),
    (&["يورو"], "يورو"),
    (&["جنيه", "جنيها", "جنيهات"], "جنيه"),
    (&["ريال", "ريالا", "ريالات"], "ريال"),
    (&["درهم", "دراهم", "درهما"], "درهم"),
    (&["دينار", "دنانير", "دينارا"], "دينار"),
    (&["ليره", "ليرات"], "ليرة"),
    (&["روبل", "روبلا"], "روبل"),
    (&["شخص", "اشخاص", "شخصا"], "شخص"),
    (&["قتيل", "قتلي", "قتيلا"], "قتيل"),
    (&["جريح", "جرحي", "جريحا"], "جريح"),
    (&["مصاب", "مصابين", "مصابا"], "مصاب"),
    (&["ضحيه", "ضحايا"], "ضحية"),
    (&["مدني", "مدنيين", "مدنيا"], "مدني"),
    (&["لاجء", "لاجءين", "لاجءا"], "لاجئ"),
    (&["نازح", "نازحين", "نازحا"], "نازح"),
    (&["مهاجر", "مهاجرين", "مهاجرا"], "مهاجر"),
    (&["طفل", "اطفال", "طفلا"], "طفل"),
    (&["امراه", "نساء"], "امرأة"),
    (&["معتقل", "معتقلين", "معتقلا"], "معتقل"),
    (&["سجين", "سجناء", "سجينا"], "سجين"),
    (&["اسير", "اسري"], "أسير"),
    (&["عامل", "عمال"], "عامل"),
    (&["موظف", "موظفين", "موظفا"], "موظف"),
    (&["طالب", "طلاب", "طالبا"], "طالب"),
    (&["لاعب", "لاعبين", "لاعبا"], "لاعب"),
    (&["عضو", "اعضاء", "عضوا"], "عضو"),
    (&["مقعد", "مقاعد", "مقعدا"], "مقعد"),
    (&["صوت", "اصوات", "صوتا"], "صوت"),
    (&["دوله", "دول"], "دولة"),
    (&["مدينه", "مدن"], "مدينة"),
    (&["قريه", "قري"], "قرية"),
    (&["منزل", "منازل", "منزلا"], "منزل"),
    (&["مبني", "مباني"], "مبنى"),
    (&["مدرسه", "مدارس"], "مدرسة"),
    (&["مستشفي", "مستشفيات"], "مستشفى"),
    (&["حاله", "حالات"], "حالة"),
    (&["اصابه", "اصابات"], "إصابة"),
    (&["وفاه", "وفيات"], "وفاة"),
    (&["غاره", "غارات"], "غارة"),
    (&["هجوم", "هجمات", "هجوما"], "هجوم"),
    (&["سياره", "سيارات"], "سيارة"),
    (&["مشروع", "مشاريع", "مشروعا"], "مشروع"),
    (&["برميل", "براميل", "برميلا"], "برميل"),
    (&["طن", "اطنان", "طنا"], "طن"),
    (
        &["كيلومتر", "كيلومترات", "كيلومترا", "كلم", "كم"],
        "كيلومتر",
    ),
    (&["متر", "امتار", "مترا"], "متر"),
    (&["هكتار", "هكتارات", "هكتارا"], "هكتار"),
    (&["ميغاواط", "ميجاوات", "ميغاوات"], "ميغاواط"),
    (&["عام", "اعوام", "عاما", "سنه", "سنوات", "سنين"], "عام"),
    (&["شهر", "اشهر", "شهور", "شهرا"], "شهر"),
    (&["اسبوع", "اسابيع", "اسبوعا"], "أسبوع"),
    (&["يوم", "ايام", "يوما"], "يوم"),
    (&["ساعه", "ساعات"], "ساعة"),
    (&["دقيقه", "دقاءق"], "دقيقة"),
    (&["بالمءه", "بالماءه", "%", "٪"], "%"),
    (&["نقطه", "نقاط"], "نقطة"),
    (&["هدف", "اهداف", "هدفا"], "هدف"),
];

/// Words after which a number is a date or an ordinal, not a figure ("عام 2018", "رقم 5").
pub static NOT_FIGURE_BEFORE: &[&str] = &[
    "عام",
    "سنه",
    "العام",
    "رقم",
    "مايو",
    "يونيو",
    "يوليو",
    "الساعه",
    "ساعه",
    "القرار",
    "المرتبه",
    "المركز",
    "الماده",
    "ماده",
    "الفصل",
    "البند",
    "الدقيقه",
    "الجوله",
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The word tables looked up by [`is_in`] through a hash set.
static INDEXED: &[&[&str]] = &[
    ROLE_HEADS,
    ORG_HEADS,
    SPEECH_VERBS,
    CONTINUATION_VERBS,
    THAT_WORDS,
    SAYING_NOUNS,
    NOT_FIGURE_BEFORE,
    LOC_HEADS,
    BELONGS_TO,
    ROLE_WORDS,
    crate::quotes::PHRASE_STOPS,
    crate::entities::TIME_WORDS,
    crate::entities::SUBJECT_STOPS,
    crate::figures::NOT_A_UNIT,
];

/// The bit of an indexed table in [`tables_of`] masks, `None` for other tables.
#[inline]
pub fn table_bit(table: &'static [&'static str]) -> Option<u32> {
    INDEXED
        .iter()
        .position(|t| std::ptr::eq(t.as_ptr(), table.as_ptr()) && t.len() == table.len())
        .map(|i| 1 << i)
}

/// The indexed tables `word` is in, one bit each ([`table_bit`]).
pub fn tables_of(word: &str) -> u32 {
    use rustc_hash::FxHashMap;
    static MASKS: std::sync::OnceLock<FxHashMap<&'static str, u32>> = std::sync::OnceLock::new();
    let masks = MASKS.get_or_init(|| {
        let mut m = FxHashMap::default();
        for (i, t) in INDEXED.iter().enumerate() {
            for w in t.iter() {
                *m.entry(*w).or_insert(0) |= 1 << i;
            }
        }
        m
    });
    masks.get(word).copied().unwrap_or(0)
}

/// `word` is one of `table` (one hash lookup for the tables of this module, a scan
/// otherwise). For a token, [`crate::tokens::Tokens::base_in`] and `surface_in` answer from
/// masks computed once.
pub fn is_in(table: &'static [&'static str], word: &str) -> bool {
    match table_bit(table) {
        Some(bit) => tables_of(word) & bit != 0,
        None => table.contains(&word),
    }
}

/// Words inside role phrases that are not definite: "وزيرة خارجية كوريا الشمالية".
pub static ROLE_WORDS: &[&str] = &[
    "خارجيه",
    "دفاع",
    "داخليه",
    "ماليه",
    "عدل",
    "اعلام",
    "اقتصاد",
    "تجاره",
    "صحه",
    "تعليم",
    "طاقه",
    "نفط",
    "وزراء",
    "وزاره",
    "مجلس",
    "حزب",
    "حركه",
    "جيش",
    "اركان",
    "باسم",
    "عام",
    "اول",
    "سابق",
    "سابقه",
    "حالي",
    "جمهوريه",
    "دوله",
    "حكومه",
    "لجنه",
    "شءون",
    "لشءون",
    "دعاه",
    "مستشاري",
    "مفاوضين",
    "قاده",
    "مسءولي",
];

/// Well-known organisations under their several names (acronyms, full names): one entity.
/// (id, names in the matching form).
pub const ORG_ALIASES: &[(&str, &[&str])] = &[
    (
        "ORG:NATO",
        &[
            "الناتو",
            "ناتو",
            "حلف الناتو",
            "حلف شمال الاطلسي",
            "حلف الاطلسي",
            "منظمه حلف شمال الاطلسي",
        ],
    ),
    (
        "ORG:UN",
        &["الامم المتحده", "منظمه الامم المتحده", "هيءه الامم المتحده"],
    ),
    ("ORG:UNSC", &["مجلس الامن", "مجلس الامن الدولي"]),
    ("ORG:EU", &["الاتحاد الاوروبي", "الاتحاد الاوربي"]),
    ("ORG:AL", &["جامعه الدول العربيه", "الجامعه العربيه"]),
    ("ORG:AU", &["الاتحاد الافريقي"]),
    (
        "ORG:GCC",
        &[
            "مجلس التعاون الخليجي",
            "مجلس التعاون لدول الخليج العربيه",
            "مجلس التعاون",
        ],
    ),
    ("ORG:OIC", &["منظمه التعاون الاسلامي"]),
    (
        "ORG:IAEA",
        &["الوكاله الدوليه للطاقه الذريه", "وكاله الطاقه الذريه"],
    ),
    ("ORG:OPEC", &["اوبك", "منظمه الدول المصدره للنفط"]),
    ("ORG:WHO", &["منظمه الصحه العالميه"]),
    ("ORG:IMF", &["صندوق النقد الدولي"]),
    ("ORG:WB", &["البنك الدولي"]),
    ("ORG:ASEAN", &["اسيان", "رابطه دول جنوب شرق اسيا"]),
    (
        "ORG:UNICEF",
        &["اليونيسيف", "يونيسيف", "منظمه الامم المتحده للطفوله"],
    ),
    ("ORG:UNESCO", &["اليونسكو", "يونسكو"]),
    ("ORG:ICC", &["المحكمه الجناءيه الدوليه"]),
    ("ORG:ICRC", &["اللجنه الدوليه للصليب الاحمر"]),
];

/// Epithets after a family name that tell a son from his father ("بوش الابن", "كيم الابن";
/// "بوش الأب"), as the surface of the word after the name.
pub static SON_EPITHETS: &[&str] = &["الابن"];
pub static FATHER_EPITHETS: &[&str] = &["الاب"];

/// Words right before a name that make it the younger of a family ("ابنه، كيم جونغ أون",
/// "نجله"), or the elder ("والده", "الراحل").
pub static YOUNGER_BEFORE: &[&str] = &[
    "ابنه",
    "ابنها",
    "نجله",
    "نجلها",
    "حفيده",
    "حفيدها",
    "وريثه",
    "خليفته",
];
pub static ELDER_BEFORE: &[&str] = &[
    "والده",
    "والدها",
    "ابيه",
    "ابوه",
    "جده",
    "جدها",
    "الراحل",
    "الراحله",
    "المءسس",
];
/// Bases of words right after a name (and a comma) that make it the younger ("كيم جونغ أون،
/// نجل …") or the elder ("كيم إيل سونغ مؤسس …", "والد …", "الراحل"; hamza on و is ء in the matching form).
pub static YOUNGER_AFTER: &[&str] = &["نجل", "ابن", "حفيد", "وريث", "خليفه"];
pub static ELDER_AFTER: &[&str] = &["والد", "مءسس", "راحل", "جد"];

/// Head nouns of the names of treaties and charters ("ميثاق/اتفاقية/معاهدة الشراكة
/// الاستراتيجية"): the head noun does not tell two treaties apart.
pub static DOCUMENT_HEADS: &[&str] = &["ميثاق", "اتفاقيه", "معاهده"];
/// Words of treaty names that translations of one name use for each other (Arabic outlets
/// render one treaty as "الشراكة" or "التعاون"): (word, the stem it is compared as).
pub const DOCUMENT_WORD_SYNONYMS: &[(&str, &str)] = &[("تعاون", "شراك")];
/// Words that end a treaty name: relative pronouns and the like.
pub static DOCUMENT_NAME_STOPS: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
];

/// Detached pronouns that, right after a transliterated person name and right before a comma
/// or a full stop, cannot be pronouns (a pronoun there would need a predicate after it): they
/// are the name's last syllable, as in East-Asian names ("تشوي سونغ هي،" = Choe Son Hui,
/// "لي سانغ هو.").
pub static NAME_FINAL_SYLLABLES: &[&str] = &["هو", "هي"];

/// People named by their family name alone in Arabic news, so often that the name is known
/// without a first name or a role in the article ("على ترمب؟" in a heading): heads of state
/// and government, foreign ministers and heads of international organisations of 2015–2025,
/// hand-written from the names that recur in the seeds and the ANT and SaudiNewsNet corpora
/// (one spelling each: spellings are compared by marsad-text's skeleton, ترامب = ترمب).
/// One word each, of four letters or more, none a common word or a country (no كاميرون).
pub static WELL_KNOWN_SURNAMES: &[&str] = &[
    "ترامب",
    "بوتين",
    "بايدن",
    "اوباما",
    "ماكرون",
    "ميركل",
    "نتنياهو",
    "اردوغان",
    "زيلينسكي",
    "لافروف",
    "بلينكن",
    "غوتيريش",
    "ستولتنبرغ",
    "بومبيو",
    "تيلرسون",
    "روحاني",
    "خامنءي",
    "شولتس",
    "سوناك",
    "جونسون",
    "هولاند",
    "ساركوزي",
    "ميدفيديف",
    "بيسكوف",
    "شويغو",
    "كيري",
    "بوريل",
    "مودي",
    "كيشيدا",
    "غانتس",
    "ليبرمان",
    "هنيه",
    "نصرالله",
    "مادورو",
    "لوكاشينكو",
];

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize_for_matching;

    fn check(name: &str, words: &[&str]) {
        for w in words {
            for part in w.split(' ') {
                assert_eq!(
                    normalize_for_matching(part),
                    *part,
                    "{name}: {w} is not in the matching form"
                );
            }
        }
    }

    #[test]
    fn every_table_is_in_the_matching_form() {
        check("ROLE_HEADS", ROLE_HEADS);
        check("ORG_HEADS", ORG_HEADS);
        check("LOC_HEADS", LOC_HEADS);
        check("SPEECH_VERBS", SPEECH_VERBS);
        check("CONTINUATION_VERBS", CONTINUATION_VERBS);
        check("THAT_WORDS", THAT_WORDS);
        check("SAYING_NOUNS", SAYING_NOUNS);
        check("ROLE_WORDS", ROLE_WORDS);
        check("NOT_FIGURE_BEFORE", NOT_FIGURE_BEFORE);
        check("BELONGS_TO", BELONGS_TO);
        check("SON_EPITHETS", SON_EPITHETS);
        check("FATHER_EPITHETS", FATHER_EPITHETS);
        check("YOUNGER_BEFORE", YOUNGER_BEFORE);
        check("ELDER_BEFORE", ELDER_BEFORE);
        check("YOUNGER_AFTER", YOUNGER_AFTER);
        check("ELDER_AFTER", ELDER_AFTER);
        check("DOCUMENT_HEADS", DOCUMENT_HEADS);
        check("DOCUMENT_NAME_STOPS", DOCUMENT_NAME_STOPS);
        check("WELL_KNOWN_SURNAMES", WELL_KNOWN_SURNAMES);
        check("NAME_FINAL_SYLLABLES", NAME_FINAL_SYLLABLES);
        for (a, _) in DOCUMENT_WORD_SYNONYMS {
            check("DOCUMENT_WORD_SYNONYMS", &[a]);
        }
        for (forms, _) in UNITS {
            check("UNITS", forms);
        }
        for (words, _) in FIGURE_QUALIFIERS {
            check("FIGURE_QUALIFIERS", words);
        }
        for (_, names) in ORG_ALIASES {
            check("ORG_ALIASES", names);
        }
        check(
            "NUMBER_WORDS",
            &NUMBER_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
        );
        check(
            "MULTIPLIERS",
            &MULTIPLIERS.iter().map(|(w, _, _)| *w).collect::<Vec<_>>(),
        );
        for phrase in ACCORDING_TO {
            check("ACCORDING_TO", phrase);
        }
    }
}
