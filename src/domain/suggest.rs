//! The header search's suggestions: which text is worth asking about, the typed part marked
//! in a name, the categories that match, the last searches kept on the device, and when the
//! listing's rate limit says to stop suggesting for a while.

use crate::domain::catalog::CategoryNode;
use std::collections::HashMap;

/// Fewer characters than this ask nothing.
pub const MIN_CHARS: usize = 2;
/// Products shown under the box.
pub const MAX_PRODUCTS: u32 = 5;
/// Categories shown under the products.
pub const MAX_CATEGORIES: usize = 3;
/// Searches remembered on the device.
pub const RECENT_SEARCHES: usize = 5;
/// Answers kept for the session; the oldest query goes first past this.
pub const CACHE_CAP: usize = 64;
/// When the limit says nothing about its window: how long to stay quiet.
pub const DEFAULT_QUIET_SECS: u64 = 60;

/// What to ask the backend for `typed`: trimmed, inner spaces collapsed, lower-case (the
/// cache key, and what the listing's `search` matches case-blind); `None` when shorter than
/// [`MIN_CHARS`] characters.
pub fn normalise(typed: &str) -> Option<String> {
    let words: Vec<String> = typed.split_whitespace().map(str::to_lowercase).collect();
    let q = words.join(" ");
    (q.chars().count() >= MIN_CHARS).then_some(q)
}

/// `text` in pieces, `true` for each piece that is one of `query`'s words (case-blind, also
/// in Cyrillic); adjacent pieces of the same kind are joined.
pub fn marked(text: &str, query: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    // One lower-case char per char, so positions in `low` are positions in `chars`.
    let low: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut hit = vec![false; chars.len()];
    for word in query.split_whitespace() {
        let w: Vec<char> = word
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        if w.is_empty() || w.len() > low.len() {
            continue;
        }
        for start in 0..=low.len() - w.len() {
            if low[start..start + w.len()] == w[..] {
                hit[start..start + w.len()]
                    .iter_mut()
                    .for_each(|h| *h = true);
            }
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, h) in chars.into_iter().zip(hit) {
        match out.last_mut() {
            Some((s, m)) if *m == h => s.push(c),
            _ => out.push((c.to_string(), h)),
        }
    }
    out
}

/// The categories (anywhere in the tree) whose name holds every word of `query`, as
/// (id, name), at most [`MAX_CATEGORIES`], in the tree's order.
pub fn matching_categories(tree: &[CategoryNode], query: &str) -> Vec<(String, String)> {
    fn walk(nodes: &[CategoryNode], words: &[&str], out: &mut Vec<(String, String)>) {
        for n in nodes {
            let name = n.name.to_lowercase();
            if !words.is_empty() && words.iter().all(|w| name.contains(w)) {
                out.push((n.id.clone(), n.name.clone()));
            }
            walk(&n.children, words, out);
        }
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out = Vec::new();
    walk(tree, &words, &mut out);
    out.truncate(MAX_CATEGORIES);
    out
}

/// The remembered searches after searching for `typed`: it goes first (as typed, trimmed),
/// once whatever its case, and at most [`RECENT_SEARCHES`] are kept.
pub fn searched(list: &[String], typed: &str) -> Vec<String> {
    let t = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(key) = normalise(&t) else {
        return list.to_vec();
    };
    let rest = list
        .iter()
        .filter(|s| normalise(s).as_deref() != Some(key.as_str()))
        .cloned();
    let mut out: Vec<String> = std::iter::once(t).chain(rest).collect();
    out.truncate(RECENT_SEARCHES);
    out
}

/// Until when (unix seconds) to ask for no more suggestions, after an answer that said
/// `remaining` of `limit` requests are left in the window until `retry_at`: quiet once 5 or
/// fewer, or a tenth or less, are left, so the shopper's own searches keep what is left.
pub fn quiet_after(
    remaining: Option<u64>,
    limit: Option<u64>,
    retry_at: Option<u64>,
    now: u64,
) -> Option<u64> {
    let remaining = remaining?;
    let low = remaining <= 5 || limit.is_some_and(|l| remaining.saturating_mul(10) <= l);
    low.then(|| quiet_until_429(retry_at, now))
}

/// Until when to stay quiet after a 429 that said retry at `retry_at`.
pub fn quiet_until_429(retry_at: Option<u64>, now: u64) -> u64 {
    retry_at
        .filter(|t| *t > now)
        .unwrap_or(now + DEFAULT_QUIET_SECS)
}

/// The session's answers by query, the oldest dropped past [`CACHE_CAP`].
#[derive(Debug)]
pub struct AnswerCache<V> {
    order: Vec<String>,
    answers: HashMap<String, V>,
}

impl<V: Clone> AnswerCache<V> {
    pub fn new() -> Self {
        AnswerCache {
            order: Vec::new(),
            answers: HashMap::new(),
        }
    }

    pub fn get(&self, query: &str) -> Option<V> {
        self.answers.get(query).cloned()
    }

    pub fn put(&mut self, query: String, value: V) {
        if self.answers.insert(query.clone(), value).is_none() {
            self.order.push(query);
        }
        if self.order.len() > CACHE_CAP {
            let old = self.order.remove(0);
            self.answers.remove(&old);
        }
    }
}

impl<V: Clone> Default for AnswerCache<V> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, name: &str, children: Vec<CategoryNode>) -> CategoryNode {
        CategoryNode {
            id: id.into(),
            name: name.into(),
            image: None,
            count: None,
            children,
        }
    }

    fn text(pieces: &[(String, bool)]) -> String {
        pieces
            .iter()
            .map(|(s, m)| if *m { format!("[{s}]") } else { s.clone() })
            .collect()
    }

    #[test]
    fn a_query_is_trimmed_collapsed_and_lower_case_and_needs_two_characters() {
        assert_eq!(
            normalise("  Котёл   ГАЗОВЫЙ "),
            Some("котёл газовый".into())
        );
        assert_eq!(normalise("к"), None);
        assert_eq!(normalise("  к  "), None);
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("ко"), Some("ко".into()));
        assert_eq!(normalise("Ab"), Some("ab".into()));
    }

    #[test]
    fn the_typed_part_is_marked_whatever_its_case_also_in_cyrillic() {
        assert_eq!(
            text(&marked("Котёл газовый Baxi", "котё")),
            "[Котё]л газовый Baxi"
        );
        assert_eq!(
            text(&marked("Котёл ГАЗОВЫЙ Baxi", "газ baxi")),
            "Котёл [ГАЗ]ОВЫЙ [Baxi]"
        );
        assert_eq!(text(&marked("Насос насос", "НАС")), "[Нас]ос [нас]ос");
        assert_eq!(text(&marked("Насос", "xyz")), "Насос");
        assert_eq!(text(&marked("Нас", "насосы")), "Нас");
        assert_eq!(text(&marked("", "на")), "");
        // Overlapping words make one marked piece.
        assert_eq!(text(&marked("абвгд", "абв вгд")), "[абвгд]");
    }

    #[test]
    fn categories_match_every_word_anywhere_in_the_tree_at_most_three() {
        let tree = vec![
            node("1", "Котлы", vec![node("11", "Газовые котлы", vec![])]),
            node("2", "Насосы", vec![node("21", "Котловые насосы", vec![])]),
            node("3", "Котлы электрические", vec![]),
            node("4", "Котлы твердотопливные", vec![]),
        ];
        let ids = |q: &str| -> Vec<String> {
            matching_categories(&tree, q)
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        assert_eq!(ids("котл"), ["1", "11", "21"]);
        assert_eq!(ids("газов котл"), ["11"]);
        assert_eq!(ids("насос"), ["2", "21"]);
        assert!(ids("").is_empty());
    }

    #[test]
    fn recent_searches_keep_five_newest_first_once_whatever_the_case() {
        let mut list = Vec::new();
        for q in ["котёл", "насос", "бойлер", "радиатор", "кран", "фильтр"]
        {
            list = searched(&list, q);
        }
        assert_eq!(list, ["фильтр", "кран", "радиатор", "бойлер", "насос"]);
        list = searched(&list, "  БОЙЛЕР ");
        assert_eq!(list, ["БОЙЛЕР", "фильтр", "кран", "радиатор", "насос"]);
        assert_eq!(searched(&list, "к"), list, "too short to remember");
    }

    #[test]
    fn suggestions_go_quiet_when_the_limit_is_near_until_the_window_ends() {
        let now = 1_000;
        assert_eq!(quiet_after(Some(150), Some(200), Some(1_060), now), None);
        assert_eq!(
            quiet_after(Some(20), Some(200), Some(1_060), now),
            Some(1_060)
        );
        assert_eq!(quiet_after(Some(5), None, Some(1_030), now), Some(1_030));
        assert_eq!(quiet_after(Some(6), None, None, now), None);
        assert_eq!(quiet_after(Some(0), Some(10), None, now), Some(1_060));
        assert_eq!(quiet_after(None, Some(200), None, now), None);
        assert_eq!(quiet_until_429(Some(1_010), now), 1_010);
        assert_eq!(
            quiet_until_429(Some(900), now),
            1_060,
            "a reset already past"
        );
        assert_eq!(quiet_until_429(None, now), 1_060);
    }

    #[test]
    fn the_cache_keeps_answers_per_query_and_drops_the_oldest_past_its_cap() {
        let mut c = AnswerCache::new();
        c.put("на".into(), 1);
        c.put("на".into(), 2);
        assert_eq!(c.get("на"), Some(2));
        for i in 0..CACHE_CAP {
            c.put(format!("q{i}"), 0);
        }
        assert_eq!(c.get("на"), None, "the oldest went first");
        assert_eq!(c.get("q0"), Some(0));
        assert_eq!(c.get("кот"), None);
    }
}
