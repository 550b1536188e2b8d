//! The readable, one-block-per-page output of `marsad extract`.

use std::io::{self, Write};

use marsad_model::{PageResult, ParagraphKind, Role};

pub fn write_summary(out: &mut impl Write, result: &PageResult) -> io::Result<()> {
    let page = match result {
        PageResult::Failed(e) => return writeln!(out, "✗ {}: {}\n", e.source, e.error),
        PageResult::Extracted(p) => p,
    };
    writeln!(
        out,
        "━━ {} ({}{}{})",
        page.source,
        page.format,
        page.lang
            .as_deref()
            .map(|l| format!(", {l}"))
            .unwrap_or_default(),
        page.url
            .as_deref()
            .map(|u| format!(", {u}"))
            .unwrap_or_default(),
    )?;
    if page.articles.is_empty() {
        writeln!(out, "   no article found")?;
    }
    for a in &page.articles {
        let role = match a.role {
            Role::Main => "main",
            Role::Appended => "appended",
        };
        let line = a
            .title_line
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        writeln!(
            out,
            "   [{role}] {}{line}",
            a.title.as_deref().unwrap_or("(no title)")
        )?;
        if let Some(s) = &a.subtitle {
            writeln!(out, "      subtitle: {s}")?;
        }
        let mut facts = Vec::new();
        if let Some(d) = &a.published {
            facts.push(format!("published {d}"));
        }
        for (label, v) in [
            ("dateline", &a.dateline),
            ("by", &a.byline),
            ("outlet", &a.outlet),
            ("source", &a.original_source),
        ] {
            if let Some(v) = v {
                facts.push(format!("{label} {v}"));
            }
        }
        if !facts.is_empty() {
            writeln!(out, "      {}", facts.join(" · "))?;
        }
        let subheadings = a
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Subheading)
            .count();
        let words: usize = a
            .paragraphs
            .iter()
            .map(|p| p.text.split_whitespace().count())
            .sum();
        writeln!(
            out,
            "      {} paragraphs ({} subheadings), {} words, {} captions",
            a.paragraphs.len() - subheadings,
            subheadings,
            words,
            a.captions.len()
        )?;
        if let Some(first) = a.paragraphs.iter().find(|p| p.kind == ParagraphKind::Body) {
            let lead: String = first.text.chars().take(120).collect();
            let more = if first.text.chars().count() > 120 {
                "…"
            } else {
                ""
            };
            writeln!(out, "      “{lead}{more}”")?;
        }
    }
    writeln!(out, "   {} furniture lines\n", page.furniture.len())
}
