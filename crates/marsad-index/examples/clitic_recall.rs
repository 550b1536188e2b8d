//! Recall and precision of the bare-proclitic rule on the ANT corpus (see
//! `bench/search-recall/README.md`).
//!
//! ```text
//! cargo run --release -p marsad-index --example clitic_recall -- \
//!     ../shared/data/ant-multisource-v2.1.tar.gz [--words FILE] [--out DIR] [--sample 100]
//! ```
//!
//! Builds an index of every ANT article (title + text) in a temporary folder, picks the 300
//! most frequent content words W (rule in [`is_content_word`]), and for each W finds the
//! articles that write W only with a bare proclitic (بW لW كW فW فبW فلW فكW, or و before
//! them) and never as W, وW or with the article; a form that is a word of its own (written
//! with the article: الفكرة, so فكرة is not ف + كرة) does not count. Recall: the share of those articles that a
//! search for W finds. Writes `words.txt` (the words, to measure another build on the same
//! words with `--words`), `recall.tsv` (per word) and `sample.tsv` (a seeded random sample
//! of such found articles: query, form written, snippet) to `--out` (default
//! `/tmp/clitic-recall`).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use marsad_index::{Index, IndexDoc, SearchRequest};

struct Article {
    docno: String,
    title: String,
    text: String,
}

fn tag<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = doc.find(&open)? + open.len();
    let end = start + doc[start..].find(&close)?;
    Some(doc[start..end].trim())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn ant(path: &Path) -> Result<Vec<Article>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let doc = String::from_utf8_lossy(&bytes);
        let (Some(title), Some(text)) = (tag(&doc, "TITLE"), tag(&doc, "TEXT")) else {
            continue;
        };
        out.push(Article {
            docno: tag(&doc, "DOCNO").unwrap_or("").to_owned(),
            title: unescape(title),
            text: unescape(text),
        });
    }
    Ok(out)
}

/// Function words, pronouns, numbers, time words and the verbs of reporting and being, in
/// the matching form: not names or nouns a reader searches for.
#[rustfmt::skip]
const NOT_CONTENT: &[&str] = &[
    "الي", "علي", "في", "من", "عن", "مع", "بين", "بعد", "قبل", "حتي", "منذ", "خلال", "عند",
    "حول", "ضد", "نحو", "لدي", "عبر", "دون", "غير", "سوي", "تحت", "فوق", "امام", "خلف", "ازاء",
    "ضمن", "اثر", "لكن", "لكنه", "ولكن", "لان", "لانه", "كما", "كذلك", "ايضا", "حيث", "اذا",
    "اذ", "ان", "انه", "انها", "انهم", "بان", "بانه", "لقد", "قد", "لم", "لن", "لا", "ما", "ماذا",
    "هل", "او", "ام", "ثم", "بل", "اي", "كل", "بعض", "جميع", "كافه", "عده", "احد", "احدي",
    "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "هناك", "هنا", "الذي", "التي", "الذين", "اللذين",
    "هو", "هي", "هم", "هما", "نحن", "انا", "انت", "له", "لها", "لهم", "به", "بها", "بهم", "منه",
    "منها", "منهم", "عليه", "عليها", "عليهم", "فيه", "فيها", "فيهم", "عنه", "عنها", "اليه",
    "اليها", "لديه", "لديها", "بينما", "عندما", "كيف", "لماذا", "متي", "اين", "حين", "حاليا",
    "اكثر", "اقل", "اكبر", "اول", "اولي", "ثاني", "ثانيه", "اخر", "اخري", "اخيره", "اخير",
    "الاول", "الثاني", "واحد", "اثنين", "ثلاثه", "اربعه", "خمسه", "عشره", "الف", "مليون",
    "مليار", "نحو", "حوالي", "فقط", "جدا", "يوم", "اليوم", "امس", "عام", "سنه", "شهر", "اسبوع",
    "الجمعه", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "ساعه", "وقت",
    "قال", "قالت", "وقال", "يقول", "تقول", "اضاف", "اضافت", "اكد", "اكدت", "اشار", "اشارت",
    "اعلن", "اعلنت", "ذكر", "ذكرت", "اوضح", "اوضحت", "كان", "كانت", "كانوا", "يكون", "تكون",
    "ليس", "ليست", "اصبح", "اصبحت", "اصبحت", "يمكن", "تم", "يتم", "تمت", "جاء", "جاءت",
    "وفق", "وفقا", "بحسب", "حسب", "نفس", "نفسه", "ذاته", "خاص", "خاصه", "عدم", "لدي", "الا",
    "اما", "انما", "مثل", "حاله", "شيء", "اجل", "امر", "طريق", "بشكل", "شكل", "نتيجه",
    "سبب", "بسبب", "اطار", "مجال", "جانب", "عدد", "كبير", "كبيره", "جديد", "جديده", "عشرات",
    "مئات", "الاف", "اثناء", "طوال", "عقب", "لدي", "بيان", "يذكر", "وكان", "وكانت", "وذكر",
    "فيما", "بشان", "باسم", "عاما", "ايام", "سنوات", "مره", "ماضي", "سابق", "لاحق", "مقابل",
    "رغم", "نهايه", "بدايه", "جمعه", "سبت", "احد", "خميس", "اربعاء", "ثلاثاء", "اثنين",
];

/// A content word (name or noun) for the measurement: at least 3 letters, only Arabic letters,
/// not in [`NOT_CONTENT`] (with or without ال), not و ف ب ل + one of them (وفي, فان), and not
/// an imperfect verb form that the corpus also writes with سـ (the future: يقوم/سيقوم).
fn is_content_word(
    w: &str,
    not_content: &HashSet<String>,
    surfaces: &HashMap<String, u32>,
) -> bool {
    let listed = |x: &str| not_content.contains(x) || not_content.contains(&format!("ال{x}"));
    let after_conjunction = ["و", "ف", "ب", "ل"]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(listed));
    w.chars().count() >= 3
        && w.chars().all(marsad_text::is_arabic_letter)
        && !listed(w)
        && !after_conjunction
        && !(w.starts_with(['ي', 'ت', 'ن']) && surfaces.contains_key(&format!("س{w}")))
}

/// pW is a word of its own, not p + W, when at least 5% of the articles that write it write
/// it with the article too (الفكرة: فكرة is not ف + كرة): the article never precedes a
/// preposition. Such forms do not count as W written with a proclitic.
fn is_word_of_its_own(form: &str, df: &HashMap<String, u32>) -> bool {
    let n = df.get(form).copied().unwrap_or(0);
    let with_article: u32 = ["ال", "وال", "بال", "لل", "فال", "كال"]
        .iter()
        .filter_map(|a| df.get(&format!("{a}{form}")))
        .sum();
    n > 0 && with_article as f32 >= 0.05 * n as f32
}

/// Surfaces that write W plainly, or with what the analyzer always removes (ال and its
/// combinations, و).
const PLAIN: &[&str] = &[
    "", "و", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "وكال", "فبال", "فكال",
];
/// Surfaces that write W with a bare proclitic (و before it is removed by the analyzer).
const WITH_PROCLITIC: &[&str] = &[
    "ب", "ل", "ك", "ف", "فب", "فل", "فك", "وب", "ول", "وك", "وف", "وفب", "وفل", "وفك",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpus = None;
    let mut words_file: Option<PathBuf> = None;
    let mut out_dir = PathBuf::from("/tmp/clitic-recall");
    let mut sample_size = 100usize;
    let mut top = 300usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--words" => words_file = args.next().map(PathBuf::from),
            "--out" => out_dir = args.next().map(PathBuf::from).context("--out DIR")?,
            "--sample" => sample_size = args.next().context("--sample N")?.parse()?,
            "--top" => top = args.next().context("--top N")?.parse()?,
            _ if corpus.is_none() => corpus = Some(PathBuf::from(a)),
            other => bail!("unexpected argument {other}"),
        }
    }
    let corpus = corpus.context("usage: clitic_recall ANT.tar.gz [--words FILE] [--out DIR]")?;
    std::fs::create_dir_all(&out_dir)?;
    let articles = ant(&corpus)?;
    eprintln!("{} articles", articles.len());

    // Surfaces (matching form) of each article, and the articles of each surface.
    let mut by_surface: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let mut seen: HashSet<String> = HashSet::new();
        for text in [&a.title, &a.text] {
            marsad_text::tokenize_into(text, |t| {
                if !seen.contains(t.surface) {
                    seen.insert(t.surface.to_owned());
                }
            });
        }
        for s in seen {
            by_surface.entry(s).or_default().push(i as u32);
        }
    }
    let df: HashMap<String, u32> = by_surface
        .iter()
        .map(|(s, d)| (s.clone(), d.len() as u32))
        .collect();
    let docs_of = |forms: &mut dyn Iterator<Item = String>| -> HashSet<u32> {
        forms
            .filter_map(|f| by_surface.get(&f))
            .flatten()
            .copied()
            .collect()
    };

    let words: Vec<String> = match &words_file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("reading {}", path.display()))?
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect(),
        None => {
            let not_content: HashSet<String> = NOT_CONTENT
                .iter()
                .map(|w| marsad_text::normalize_for_matching(w))
                .collect();
            // Frequency: articles writing W or الW.
            let mut freq: Vec<(String, usize)> = df
                .keys()
                .filter(|w| !w.starts_with("ال") && is_content_word(w, &not_content, &df))
                .map(|w| {
                    let n = docs_of(&mut [w.clone(), format!("ال{w}")].into_iter()).len();
                    (w.clone(), n)
                })
                .collect();
            freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            freq.into_iter().take(top).map(|(w, _)| w).collect()
        }
    };
    std::fs::write(out_dir.join("words.txt"), words.join("\n") + "\n")?;

    let dir = tempfile::tempdir()?;
    let index = Index::open_or_create(dir.path())?;
    let mut writer = index.writer(200_000_000)?;
    for (i, a) in articles.iter().enumerate() {
        writer.add(&IndexDoc {
            article_id: i as i64,
            title: Some(&a.title),
            text: &a.text,
            ..IndexDoc::default()
        })?;
    }
    writer.finish()?;
    index.reload()?;

    let mut tsv = File::create(out_dir.join("recall.tsv"))?;
    writeln!(tsv, "word\tonly_with_proclitic\tfound\trecall")?;
    let (mut total_only, mut total_found) = (0usize, 0usize);
    let mut incomplete = 0;
    let mut pairs: Vec<(String, u32, String, String)> = Vec::new(); // word, doc, form, snippet
    for w in &words {
        let plain = docs_of(&mut PLAIN.iter().map(|p| format!("{p}{w}")));
        let clitic_forms: Vec<String> = WITH_PROCLITIC
            .iter()
            .map(|p| format!("{p}{w}"))
            .filter(|f| by_surface.contains_key(f))
            .filter(|f| {
                // وبكره is tested as بكره.
                let form = f
                    .strip_prefix('و')
                    .filter(|r| r.len() > w.len())
                    .unwrap_or(f);
                !is_word_of_its_own(form, &df)
            })
            .collect();
        let only: HashSet<u32> = docs_of(&mut clitic_forms.iter().cloned())
            .difference(&plain)
            .copied()
            .collect();
        let mut found: HashMap<u32, String> = HashMap::new();
        let request = SearchRequest {
            limit: usize::MAX / 2,
            ..SearchRequest::new(w.as_str())
        };
        index.search_each(&request, |hit| {
            let id = hit.article_id as u32;
            if only.contains(&id) {
                found.insert(id, hit.snippet);
            }
            ControlFlow::Continue(())
        })?;
        total_only += only.len();
        total_found += found.len();
        if found.len() < only.len() {
            incomplete += 1;
        }
        let recall = if only.is_empty() {
            1.0
        } else {
            found.len() as f64 / only.len() as f64
        };
        writeln!(tsv, "{w}\t{}\t{}\t{recall:.3}", only.len(), found.len())?;
        let mut ids: Vec<(u32, String)> = found.into_iter().collect();
        ids.sort();
        for (id, snippet) in ids {
            let form = clitic_forms
                .iter()
                .find(|f| {
                    by_surface
                        .get(*f)
                        .is_some_and(|d| d.binary_search(&id).is_ok())
                })
                .cloned()
                .unwrap_or_default();
            pairs.push((w.clone(), id, form, snippet));
        }
    }
    println!(
        "{} words; articles writing the word only with a bare proclitic: {total_only}; \
         found by a search for the word: {total_found}; recall {:.3}; words below full recall: {incomplete}",
        words.len(),
        total_found as f64 / total_only.max(1) as f64
    );

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sample = File::create(out_dir.join("sample.tsv"))?;
    writeln!(sample, "n\tquery\tform\tdocno\tsnippet")?;
    for n in 1..=sample_size.min(pairs.len()) {
        let i = (rng.next() % pairs.len() as u64) as usize;
        let (w, id, form, snippet) = pairs.swap_remove(i);
        let docno = &articles[id as usize].docno;
        writeln!(sample, "{n}\t{w}\t{form}\t{docno}\t{snippet}")?;
    }
    eprintln!("wrote {}", out_dir.display());
    Ok(())
}
