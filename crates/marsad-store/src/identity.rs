//! Which article of a new extraction is which article of the old one.
//!
//! An article keeps its id across `reextract` while it is still found on
//! its page. Position alone is not enough (a better extractor may find an
//! appended article before the main one, or drop a false one), so articles
//! are matched by page, role and content, in this order:
//!
//! 1. the same role and the same text (text hash), gone articles included,
//!    so that an article lost by one extractor and found again by the next
//!    gets its old id back;
//! 2. the same role and similar content: the same title in the matching
//!    form, or word sets overlapping by at least [`MIN_WORD_OVERLAP`]
//!    (Jaccard), best pairs first.
//!
//! Live old articles left unmatched are gone; new ones left unmatched are new.

use std::collections::HashSet;

use marsad_model::Role;

use crate::prepare::{ContentHash, NewArticle};

/// Jaccard overlap of two texts' word sets above which they are one article
/// rewritten (a paragraph more or less, a caption now kept apart).
pub const MIN_WORD_OVERLAP: f32 = 0.5;

/// An article of the page as stored before the new extraction.
#[derive(Debug, Clone)]
pub struct OldArticle {
    pub id: i64,
    pub role: Role,
    pub text_hash: ContentHash,
    pub title: Option<String>,
    pub text: String,
    pub gone: bool,
}

/// The outcome: for each new article the old id it keeps, if any, and the
/// live old ids no longer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub ids: Vec<Option<i64>>,
    pub gone: Vec<i64>,
}

fn words(text: &str) -> HashSet<String> {
    marsad_text::tokenize(text)
        .into_iter()
        .map(|t| t.base)
        .collect()
}

fn title_key(title: Option<&str>) -> Option<String> {
    title
        .map(marsad_text::normalize_for_matching)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// Match a page's new articles to its old ones.
pub fn match_articles(old: &[OldArticle], new: &[NewArticle]) -> Matching {
    let mut ids: Vec<Option<i64>> = vec![None; new.len()];
    let mut used = vec![false; old.len()];

    // 1. Same role, same text.
    for (n, a) in new.iter().enumerate() {
        let same = old.iter().enumerate().find(|(o, old)| {
            !used[*o] && old.role == a.article.role && old.text_hash == a.text_hash
        });
        if let Some((o, old)) = same {
            used[o] = true;
            ids[n] = Some(old.id);
        }
    }

    // 2. Same role, similar content, best pairs first (live old articles only).
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    let new_words: Vec<Option<HashSet<String>>> = new
        .iter()
        .zip(&ids)
        .map(|(a, id)| id.is_none().then(|| words(&a.text)))
        .collect();
    for (o, old_a) in old.iter().enumerate() {
        if used[o] || old_a.gone {
            continue;
        }
        let old_words = words(&old_a.text);
        let old_title = title_key(old_a.title.as_deref());
        for (n, a) in new.iter().enumerate() {
            let Some(nw) = &new_words[n] else { continue };
            if a.article.role != old_a.role {
                continue;
            }
            let same_title =
                old_title.is_some() && old_title == title_key(a.article.title.as_deref());
            let overlap = jaccard(&old_words, nw);
            if same_title || overlap >= MIN_WORD_OVERLAP {
                // A shared title counts as full overlap; ties go to page order.
                let score = if same_title { 1.0 + overlap } else { overlap };
                pairs.push((score, o, n));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in pairs {
        if used[o] || ids[n].is_some() {
            continue;
        }
        used[o] = true;
        ids[n] = Some(old[o].id);
    }

    let gone = old
        .iter()
        .zip(&used)
        .filter(|(a, used)| !**used && !a.gone)
        .map(|(a, _)| a.id)
        .collect();
    Matching { ids, gone }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_model::{Article, Paragraph, ParagraphKind};

    fn new(role: Role, title: &str, text: &str) -> NewArticle {
        let mut a = Article::new(role);
        a.title = Some(title.into());
        a.paragraphs.push(Paragraph {
            text: text.into(),
            line: None,
            kind: ParagraphKind::Body,
        });
        NewArticle::new(a)
    }

    fn old(id: i64, a: &NewArticle) -> OldArticle {
        OldArticle {
            id,
            role: a.article.role,
            text_hash: a.text_hash,
            title: a.article.title.clone(),
            text: a.text.clone(),
            gone: false,
        }
    }

    const MAIN: &str = "وقع الرئيسان اتفاقية الشراكة الاستراتيجية الشاملة في بيونغ يانغ يوم الأربعاء";
    const OTHER: &str = "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج";

    #[test]
    fn articles_are_matched_by_content_not_position() {
        let main = new(Role::Main, "اتفاقية", MAIN);
        let appended = new(Role::Appended, "النفط", OTHER);
        let before = [old(10, &main), old(11, &appended)];
        // The new extractor finds them the other way round, the main one reworded a little.
        let reworded = new(Role::Main, "اتفاقية الشراكة", &format!("{MAIN} الماضي"));
        let m = match_articles(&before, &[appended.clone(), reworded]);
        assert_eq!(m.ids, vec![Some(11), Some(10)]);
        assert!(m.gone.is_empty());
    }

    #[test]
    fn an_article_no_longer_found_is_gone_and_a_new_one_gets_no_old_id() {
        let main = new(Role::Main, "اتفاقية", MAIN);
        let false_one = new(Role::Appended, "قائمة", "روابط ذات صلة");
        let before = [old(1, &main), old(2, &false_one)];
        let unrelated = new(Role::Appended, "النفط", OTHER);
        let m = match_articles(&before, &[main.clone(), unrelated]);
        assert_eq!(m.ids, vec![Some(1), None]);
        assert_eq!(m.gone, vec![2]);
    }

    #[test]
    fn a_gone_article_found_again_gets_its_id_back() {
        let main = new(Role::Main, "اتفاقية", MAIN);
        let mut was_gone = old(7, &main);
        was_gone.gone = true;
        let m = match_articles(&[was_gone], &[main]);
        assert_eq!(m.ids, vec![Some(7)]);
        assert!(m.gone.is_empty());
    }

    #[test]
    fn roles_are_never_crossed() {
        let main = new(Role::Main, "اتفاقية", MAIN);
        let as_appended = new(Role::Appended, "اتفاقية", MAIN);
        let m = match_articles(&[old(3, &main)], &[as_appended]);
        assert_eq!(m.ids, vec![None]);
        assert_eq!(m.gone, vec![3]);
    }
}
