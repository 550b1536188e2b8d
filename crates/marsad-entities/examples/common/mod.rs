//! Shared by the `train` and `evaluate` examples: where the data is, the gazetteers and
//! aliases built from ANERGazet, iso-codes and CLDR, and the training call.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use marsad_entities::model::{Aliases, Model};
use marsad_entities::names::{alias_key, joined_alias_key, MIN_JOINED_ALIAS_LETTERS};
use marsad_entities::tagger::{self, Gazetteer};
use marsad_entities::tokens::{Kind, Tokens};
use marsad_entities::training::{self, Sentence};
use marsad_entities::EntityType;

pub const ISO_MO: &str = "/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo";
pub const ISO_JSON: &str = "/usr/share/iso-codes/json/iso_3166-1.json";
pub const CLDR_MAIN: &str = "/usr/share/unicode/cldr/common/main/ar.xml";
pub const CLDR_SUBDIVISIONS: &str = "/usr/share/unicode/cldr/common/subdivisions/ar.xml";

/// Hashed feature buckets of the tagger.
pub const BUCKETS: usize = 1 << 18;
/// Training passes.
pub const EPOCHS: usize = 12;
/// A one-word gazetteer entry seen at least this often in the training text, and inside an
/// entity less than [`MIN_NAME_SHARE`] of the time, is a common word and dropped.
pub const MIN_COMMON_COUNT: usize = 3;
pub const MIN_NAME_SHARE: f64 = 0.3;
/// A word seen at least [`MIN_COMMON_COUNT`] times and inside an entity less than this share
/// of the time is a common word for the context rules.
pub const COMMON_NAME_SHARE: f64 = 0.1;
/// One-word CLDR subdivision names shorter than this are left out.
pub const MIN_SUBDIVISION_LETTERS: usize = 4;
/// Weights smaller than this are not written to the model file.
pub const PRUNE: f32 = 0.05;

pub fn data_dir() -> PathBuf {
    std::env::var_os("MARSAD_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

pub fn read(path: &Path) -> anyhow_lite::Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

pub mod anyhow_lite {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
}

pub fn anercorp() -> anyhow_lite::Result<Vec<Sentence>> {
    Ok(training::read_anercorp(&read(
        &data_dir().join("anercorp-train/train.txt"),
    )?))
}

pub fn wojood(split: &str) -> anyhow_lite::Result<Vec<Sentence>> {
    Ok(training::read_wojood(&read(
        &data_dir().join(format!("wojood-sample/data/{split}.txt")),
    )?))
}

/// The bases of an entry's words, or `None` when it holds punctuation.
pub fn entry_key(entry: &str) -> Option<String> {
    let t = Tokens::new(entry.trim());
    if t.is_empty() || (0..t.len()).any(|i| t.kind(i) == Some(Kind::Punct)) {
        return None;
    }
    Some(
        (0..t.len())
            .map(|i| t.base(i))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Strings of a gettext .mo file: msgid → msgstr.
pub fn read_mo(bytes: &[u8]) -> Vec<(String, String)> {
    let u32_at = |o: usize| -> Option<usize> {
        bytes
            .get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut out = Vec::new();
    let (Some(magic), Some(n), Some(orig), Some(trans)) =
        (u32_at(0), u32_at(8), u32_at(12), u32_at(16))
    else {
        return out;
    };
    if magic != 0x950412de {
        return out;
    }
    let string = |table: usize, i: usize| -> Option<String> {
        let len = u32_at(table + 8 * i)?;
        let off = u32_at(table + 8 * i + 4)?;
        bytes
            .get(off..off + len)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    for i in 0..n {
        if let (Some(a), Some(b)) = (string(orig, i), string(trans, i)) {
            if !a.is_empty() {
                out.push((a, b));
            }
        }
    }
    out
}

/// `(type attribute, alt attribute, text)` of every `<tag …>text</tag>` element.
pub fn xml_elements(xml: &str, tag: &str) -> Vec<(String, Option<String>, String)> {
    let open = format!("<{tag} ");
    let close = format!("</{tag}>");
    let attr = |head: &str, name: &str| -> Option<String> {
        let pat = format!("{name}=\"");
        let s = head.find(&pat)? + pat.len();
        let e = head[s..].find('"')? + s;
        Some(head[s..e].to_owned())
    };
    let mut out = Vec::new();
    for line in xml.lines() {
        let Some(p) = line.find(&open) else { continue };
        let rest = &line[p..];
        let (Some(gt), Some(end)) = (rest.find('>'), rest.find(&close)) else {
            continue;
        };
        if gt >= end {
            continue;
        }
        let head = &rest[..gt];
        if let Some(ty) = attr(head, "type") {
            out.push((ty, attr(head, "alt"), rest[gt + 1..end].trim().to_owned()));
        }
    }
    out
}

/// Gazetteers and aliases; the one-word entries that are mostly common words in
/// `sentences` are dropped. Returns also a note on what was read.
pub fn gazetteers(sentences: &[Sentence]) -> anyhow_lite::Result<(Gazetteer, Aliases, String)> {
    // Word counts in the training text: all, and inside an entity.
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for s in sentences {
        let ex = training::example(s);
        for i in 0..ex.tokens.len() {
            let c = counts.entry(ex.tokens.base(i).to_owned()).or_default();
            c.0 += 1;
            if ex.tags[i] != 0 {
                c.1 += 1;
            }
        }
    }
    let is_common = |key: &str| -> bool {
        if key.contains(' ') {
            return false;
        }
        if key.chars().count() < 2 {
            return true;
        }
        counts.get(key).is_some_and(|&(n, inside)| {
            n >= MIN_COMMON_COUNT && (inside as f64) < MIN_NAME_SHARE * n as f64
        })
    };
    let mut gaz = Gazetteer::default();
    let mut aliases = Aliases::default();
    let mut dropped = 0usize;
    let mut notes = Vec::new();
    let add =
        |gaz: &mut Gazetteer, entry: &str, ty: EntityType, dropped: &mut usize| -> Option<String> {
            let key = entry_key(entry)?;
            if is_common(&key) {
                *dropped += 1;
                return None;
            }
            gaz.insert(&key, 1 << ty.index());
            Some(key)
        };
    let dir = data_dir().join("anercorp-train/gazetteers");
    for (file, ty) in [
        ("people.txt", EntityType::Pers),
        ("locations.txt", EntityType::Loc),
        ("organizations.txt", EntityType::Org),
    ] {
        let text = read(&dir.join(file))?;
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("====") || line.starts_with("****") {
                continue;
            }
            if add(&mut gaz, line, ty, &mut dropped).is_some() {
                n += 1;
            }
        }
        notes.push(format!("ANERGazet {file}: {n}"));
    }
    // Countries: CLDR names (the default one is canonical) and iso-codes names.
    let cldr = read(Path::new(CLDR_MAIN))?;
    let mut canonical: HashMap<String, String> = HashMap::new();
    let territories = xml_elements(&cldr, "territory");
    for (code, alt, name) in &territories {
        if alt.is_none() {
            canonical.insert(code.clone(), name.clone());
        }
    }
    let mut n = 0;
    for (code, _alt, name) in &territories {
        let Some(canon) = canonical.get(code) else {
            continue;
        };
        if let Some(key) = add(&mut gaz, name, EntityType::Loc, &mut dropped) {
            aliases.insert(alias_key(&key), &format!("LOC:{code}"), canon);
            n += 1;
        }
    }
    notes.push(format!("CLDR territories: {n}"));
    let iso_json = read(Path::new(ISO_JSON))?;
    let mo = std::fs::read(ISO_MO).map_err(|e| format!("{ISO_MO}: {e}"))?;
    let arabic: HashMap<String, String> = read_mo(&mo).into_iter().collect();
    let mut n = 0;
    // iso_3166-1.json: objects with alpha_2 and name / official_name / common_name.
    for obj in iso_json.split('{').skip(1) {
        let field = |k: &str| -> Option<String> {
            let pat = format!("\"{k}\": \"");
            let s = obj.find(&pat)? + pat.len();
            let e = obj[s..].find('"')? + s;
            Some(obj[s..e].to_owned())
        };
        let Some(code) = field("alpha_2") else {
            continue;
        };
        let canon = canonical.get(&code).cloned();
        for k in ["name", "official_name", "common_name"] {
            let Some(en) = field(k) else { continue };
            let Some(ar) = arabic.get(&en) else { continue };
            let canon = canon.clone().unwrap_or_else(|| ar.clone());
            if let Some(key) = add(&mut gaz, ar, EntityType::Loc, &mut dropped) {
                aliases.insert(alias_key(&key), &format!("LOC:{code}"), &canon);
                if let Some(short) = marsad_entities::names::without_government_forms(&key) {
                    gaz.insert(&short, 1 << EntityType::Loc.index());
                    aliases.insert(alias_key(&short), &format!("LOC:{code}"), &canon);
                }
                n += 1;
            }
        }
    }
    notes.push(format!("iso-codes country names: {n}"));
    let subs = read(Path::new(CLDR_SUBDIVISIONS))?;
    let mut n = 0;
    for (code, _alt, name) in xml_elements(&subs, "subdivision") {
        // Short one-word region names (يون, the Yonne) are mostly other words.
        if !name.contains(' ') && name.chars().count() < MIN_SUBDIVISION_LETTERS {
            continue;
        }
        if let Some(key) = add(&mut gaz, &name, EntityType::Loc, &mut dropped) {
            aliases.insert(alias_key(&key), &format!("LOC:{code}"), &name);
            if !key.contains(' ') && key.chars().count() >= MIN_JOINED_ALIAS_LETTERS {
                aliases.insert(joined_alias_key(&key), &format!("LOC:{code}"), &name);
            }
            n += 1;
        }
    }
    notes.push(format!("CLDR subdivisions: {n}"));
    notes.push(format!("dropped as common words: {dropped}"));
    // Common words of the training text, for the context rules.
    let mut common = 0;
    for (w, &(n, inside)) in &counts {
        if n >= MIN_COMMON_COUNT && (inside as f64) < COMMON_NAME_SHARE * n as f64 {
            gaz.insert(w, tagger::COMMON_WORD);
            common += 1;
        }
    }
    notes.push(format!("common words: {common}"));
    Ok((gaz, aliases, notes.join("; ")))
}

/// Trains a model on `sentences` with the given gazetteers.
pub fn train(
    sentences: &[Sentence],
    gaz: Gazetteer,
    aliases: Aliases,
    provenance: String,
) -> Model {
    let examples: Vec<_> = sentences.iter().map(training::example).collect();
    let weights = tagger::train(&examples, &gaz, BUCKETS, EPOCHS);
    Model::new(weights, gaz, aliases, provenance)
}

/// ANT articles used to extend the gazetteers by self-training.
pub const ANT_DOCS: usize = 15_000;
/// A name the first model tags at least this many times in ANT …
pub const ANT_MIN_TAGGED: usize = 8;
/// … and in at least this share of its occurrences joins the gazetteer of its type.
pub const ANT_MIN_SHARE: f64 = 0.35;

/// Texts of about `max` ANT articles, every n-th of the corpus (all outlets).
pub fn ant_texts(max: usize) -> anyhow_lite::Result<Vec<String>> {
    let path = data_dir().join("ant-multisource-v2.1.tar.gz");
    let mut out = Vec::new();
    let step = (31_525 / max.max(1)).max(1);
    let mut n = 0usize;
    let _ = marsad_corpus::for_each_record(&path, "ant", marsad_corpus::Corpus::Ant, &mut |r| {
        n += 1;
        if let Ok(a) = r {
            if n.is_multiple_of(step) {
                out.push(a.text);
            }
        }
        if out.len() >= max {
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    });
    if out.is_empty() {
        return Err(format!("{}: no articles read", path.display()).into());
    }
    Ok(out)
}

/// Self-training: names a first model tags consistently in unlabelled news (ANT), as
/// gazetteer entries (key, type bit). Words: every occurrence of the name's bases counts.
pub fn names_from_unlabelled(model: &Model, texts: &[String]) -> Vec<(String, u8)> {
    let an = marsad_entities::Analyzer::new(model.clone());
    let mut tagged: HashMap<String, [usize; 4]> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in texts {
        let tokens = Tokens::new(t);
        let tags = an.tag(&tokens);
        let mut i = 0;
        while i < tags.len() {
            if tokens.kind(i) == Some(Kind::Word) {
                *seen.entry(tokens.base(i).to_owned()).or_default() += 1;
            }
            if let Some(ty) = tagger::tag_type(tags[i]).filter(|_| tags[i] % 2 == 1) {
                let mut e = i + 1;
                while e < tags.len() && tags[e] == tags[i] + 1 {
                    e += 1;
                }
                if ty != EntityType::Misc {
                    for j in i..e {
                        if tokens.kind(j) == Some(Kind::Word) {
                            tagged.entry(tokens.base(j).to_owned()).or_default()[ty.index()] += 1;
                        }
                    }
                }
            }
            i += 1;
        }
    }
    let total = |w: &str| tagged.get(w).map_or(0, |c| c.iter().sum::<usize>());
    let mut out = Vec::new();
    for (w, counts) in &tagged {
        // A name behind a proclitic (لبوتين) is not a name of its own when the bare name is
        // tagged more often.
        let clitic_form = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "لل"]
            .iter()
            .any(|p| w.strip_prefix(p).is_some_and(|r| total(r) > total(w)));
        if clitic_form {
            continue;
        }
        let w = w.clone();
        let n = seen.get(&w).copied().unwrap_or(0).max(1);
        let (best, &c) = counts
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| **c)
            .unwrap_or((0, &0));
        let _ = counts;
        if c >= ANT_MIN_TAGGED && c as f64 >= ANT_MIN_SHARE * n as f64 && w.chars().count() >= 3 {
            out.push((w, 1u8 << best));
        }
    }
    out.sort();
    out
}

/// The whole training: gazetteers, a first model, names self-trained from ANT added to
/// the gazetteers, the final model.
pub fn train_full(
    sentences: &[Sentence],
    ant: &[String],
    provenance: &str,
) -> anyhow_lite::Result<(Model, String)> {
    let (mut gaz, aliases, notes) = gazetteers(sentences)?;
    let first = train(sentences, gaz.clone(), aliases.clone(), String::new());
    let names = names_from_unlabelled(&first, ant);
    let mut added = 0;
    for (k, t) in &names {
        if !gaz.is_common(k) {
            gaz.insert(k, *t);
            added += 1;
        }
    }
    let notes = format!(
        "{notes}; self-trained from {} ANT articles: {added} names",
        ant.len()
    );
    let model = train(
        sentences,
        gaz,
        aliases,
        format!("{provenance}; gazetteers: {notes}"),
    );
    Ok((model, notes))
}
