//! Shared by the examples: the two corpora read with marsad-corpus, and peak memory.
#![allow(dead_code)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use marsad_corpus::{for_each_record, Corpus};
use marsad_model::CleanArticle;

/// `../shared/data` from the workspace root.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn read(path: &Path, corpus: Corpus, out: &mut Vec<CleanArticle>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _ = for_each_record(path, &name, corpus, &mut |r| {
        if let Ok(a) = r {
            out.push(a);
        }
        ControlFlow::Continue(())
    });
}

/// Every ANT article (records the importer refuses are left out).
pub fn ant() -> Vec<CleanArticle> {
    let mut out = Vec::new();
    read(
        &data_dir().join("ant-multisource-v2.1.tar.gz"),
        Corpus::Ant,
        &mut out,
    );
    out
}

/// Every SaudiNewsNet article, zips in name order (empty texts are refused by the importer).
pub fn saudinewsnet() -> Vec<CleanArticle> {
    let dir = data_dir().join("saudinewsnet/dataset");
    let mut zips: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "zip"))
                .collect()
        })
        .unwrap_or_default();
    zips.sort();
    let mut out = Vec::new();
    for z in zips {
        read(&z, Corpus::SaudiNewsNet, &mut out);
    }
    out
}

/// Peak resident memory of this process so far, in MB (Linux `VmHWM`).
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Resident memory now, in MB (`VmRSS`).
pub fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) this process has used so far, all threads (`/proc/self/stat`).
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
