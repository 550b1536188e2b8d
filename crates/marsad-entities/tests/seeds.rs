//! The seed pages against their hand annotation (`../shared/seeds/gold.json`): every gold
//! spelling-variant group is one entity across the five pages, no two groups are merged,
//! every gold quote is found with its speaker, every gold figure with its value and unit.

use std::path::{Path, PathBuf};

use marsad_entities::names::name_key;
use marsad_entities::{Analysis, Analyzer, EntityResolver, Resolution};
use serde_json::Value;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

struct Seeds {
    gold: Value,
    files: Vec<String>,
    texts: Vec<String>,
    analyses: Vec<Analysis>,
    resolution: Resolution,
}

fn load() -> Seeds {
    let dir = seeds_dir();
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold.json"))
            .expect("gold.json is JSON");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort();
    let an = Analyzer::embedded().expect("embedded model");
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).expect("seed"))
        .collect();
    let analyses: Vec<Analysis> = texts.iter().map(|t| an.analyze(t)).collect();
    let mut resolver = EntityResolver::new();
    for a in &analyses {
        resolver.add(&a.entities);
    }
    Seeds {
        gold,
        files,
        texts,
        analyses,
        resolution: resolver.resolve(),
    }
}

fn forms(group: &Value) -> Vec<String> {
    group["forms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str().map(str::to_owned))
        .collect()
}

/// Keys of the mentions written as `form` (up to clitics: للولایات المتحدة = الولايات المتحدة).
fn keys_of_form(s: &Seeds, form: &str) -> Vec<String> {
    let k = name_key(form);
    let mut out = Vec::new();
    for (d, a) in s.analyses.iter().enumerate() {
        for (n, e) in a.entities.iter().enumerate() {
            if name_key(&e.text) == k {
                out.push(s.resolution.keys[d][n].clone());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Groups the analyzer cannot resolve yet, with why. Each must still fail (so the list
/// stays true).
const KNOWN_GAPS: &[(&str, &str)] = &[];

fn group_failure(s: &Seeds, group: &Value) -> Option<String> {
    let name = group["entity"].as_str().unwrap_or("?");
    let mut keys = Vec::new();
    for f in forms(group) {
        let k = keys_of_form(s, &f);
        if k.is_empty() {
            return Some(format!("{name}: form {f} not found as an entity"));
        }
        keys.extend(k);
    }
    keys.sort();
    keys.dedup();
    (keys.len() != 1).then(|| format!("{name}: forms split over {keys:?}"))
}

#[test]
fn every_gold_variant_group_is_one_entity() {
    let s = load();
    let groups = s.gold["entity_variants"]
        .as_array()
        .expect("entity_variants");
    assert_eq!(groups.len(), 17);
    let mut failures = Vec::new();
    for g in groups {
        let name = g["entity"].as_str().unwrap_or("?");
        let failure = group_failure(&s, g);
        let gap = KNOWN_GAPS.iter().any(|(n, _)| *n == name);
        match (failure, gap) {
            (Some(f), false) => failures.push(f),
            (None, true) => {
                failures.push(format!("{name} is listed as a known gap but now passes"))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn no_two_gold_entities_are_merged() {
    let s = load();
    let groups = s.gold["entity_variants"]
        .as_array()
        .expect("entity_variants");
    let mut owner: std::collections::HashMap<String, String> = Default::default();
    let mut clashes = Vec::new();
    for g in groups {
        let name = g["entity"].as_str().unwrap_or("?").to_owned();
        for f in forms(g) {
            for k in keys_of_form(&s, &f) {
                if let Some(o) = owner.insert(k.clone(), name.clone()) {
                    if o != name {
                        clashes.push(format!("{o} and {name} share {k}"));
                    }
                }
            }
        }
    }
    assert!(clashes.is_empty(), "{clashes:#?}");
}

fn normalized(s: &str) -> String {
    marsad_text::normalize_for_matching(s)
}

/// Arabic forms that name a gold speaker: its variant group's forms, or the Arabic in
/// parentheses ("Jo Bee-yun (جو بي يون)").
fn speaker_forms(gold: &Value, speaker: &str) -> Vec<String> {
    if let (Some(a), Some(b)) = (speaker.find('('), speaker.rfind(')')) {
        return vec![speaker[a + 1..b].to_owned()];
    }
    gold["entity_variants"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|g| g["entity"].as_str() == Some(speaker))
        .map(forms)
        .unwrap_or_default()
}

#[test]
fn every_gold_quote_is_found_with_its_speaker() {
    let s = load();
    let quotes = s.gold["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), 8);
    let mut failures = Vec::new();
    for q in quotes {
        let file = q["file"].as_str().unwrap_or("");
        let starts = normalized(q["starts"].as_str().unwrap_or(""));
        let speaker = q["speaker"].as_str().unwrap_or("");
        let d = s
            .files
            .iter()
            .position(|f| f == file)
            .expect("gold file is a seed");
        let found = s.analyses[d]
            .quotes
            .iter()
            .find(|x| normalized(&x.text).starts_with(&starts));
        let Some(found) = found else {
            failures.push(format!("{file}: no quote starts with {starts}"));
            continue;
        };
        // Offsets point at the text.
        let at: String = s.texts[d]
            .chars()
            .skip(found.start)
            .take(found.end - found.start)
            .collect();
        assert_eq!(at, found.text);
        let names: Vec<String> = speaker_forms(&s.gold, speaker)
            .iter()
            .map(|f| name_key(f))
            .collect();
        // The speaker as written, its entity in the document, and that entity across the
        // seeds (a "كيم" of one page is the كيم جونغ أون of the others).
        let across = found
            .speaker_index
            .and_then(|i| s.resolution.keys[d].get(i))
            .and_then(|k| s.resolution.get(k))
            .map(|c| c.canonical.as_str());
        let said = [
            found.speaker.as_deref(),
            found.speaker_entity.as_deref(),
            across,
        ];
        let ok = said.iter().flatten().any(|x| names.contains(&name_key(x)));
        if !ok {
            failures.push(format!(
                "{file}: quote {starts}: speaker {said:?}, expected {speaker}"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_gold_figure_is_found_with_value_and_unit() {
    let s = load();
    let figures = s.gold["figures"].as_array().expect("figures");
    assert_eq!(figures.len(), 7);
    let mut failures = Vec::new();
    for f in figures {
        let file = f["file"].as_str().unwrap_or("");
        let text = normalized(f["text"].as_str().unwrap_or(""));
        let value = f["value"].as_f64().unwrap_or(f64::NAN);
        let d = s
            .files
            .iter()
            .position(|x| x == file)
            .expect("gold file is a seed");
        let found = s.analyses[d]
            .figures
            .iter()
            .find(|x| normalized(&x.text).contains(&text));
        match found {
            None => failures.push(format!("{file}: no figure {text}")),
            Some(x) if x.value != value => {
                failures.push(format!("{file}: {text} has value {}", x.value))
            }
            // The unit is the counted noun of the gold text, in its singular form.
            Some(x)
                if x.unit
                    .as_deref()
                    .is_none_or(|u| !text.contains(&normalized(u))) =>
            {
                failures.push(format!("{file}: {text} has unit {:?}", x.unit));
            }
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn entity_offsets_are_code_points_and_spans_exclude_clitics() {
    let s = load();
    for (d, a) in s.analyses.iter().enumerate() {
        let chars: Vec<char> = s.texts[d].chars().collect();
        for e in &a.entities {
            let at: String = chars[e.start..e.end].iter().collect();
            assert_eq!(at, e.text);
            let first = normalized(&e.text);
            assert!(
                !first.starts_with('و')
                    || first.starts_with("ول")
                    || first.starts_with("وا")
                    || first.len() > 2,
                "{}",
                e.text
            );
            assert!(
                !e.text
                    .ends_with(|c: char| c.is_ascii_punctuation() || "،؛".contains(c)),
                "{}",
                e.text
            );
        }
    }
}
