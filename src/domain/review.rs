//! Reviews: what is shown (stars, histogram, the list's query) and the rules a new review
//! must meet (seed 003 `CreateReviewRequest`), checked before sending.

use super::catalog::Rating;
use super::codes::ReviewStatus;

/// Bar widths of the rating histogram, in percent of the largest bar.
pub fn histogram(distribution: &[u64; 5]) -> [u32; 5] {
    let max = distribution.iter().copied().max().unwrap_or(0);
    let mut out = [0u32; 5];
    if max == 0 {
        return out;
    }
    for (o, n) in out.iter_mut().zip(distribution) {
        *o = ((n * 100 + max / 2) / max) as u32;
    }
    out
}

/// A shopper's review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub id: String,
    pub author: String,
    pub verified: bool,
    pub rating: u8,
    pub title: Option<String>,
    pub content: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub helpful: u64,
    pub images: Vec<(String, String)>,
    /// The shop's answer and its date.
    pub response: Option<(String, String)>,
    pub created_at: String,
    /// Moderation state; only the author is shown a pending review.
    pub status: Option<ReviewStatus>,
}

/// Average, count and the five bars.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReviewSummary {
    pub rating: Rating,
    pub distribution: [u64; 5],
}

/// The order of reviews.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReviewSort {
    #[default]
    Newest,
    Helpful,
    Rating,
}

impl ReviewSort {
    pub const ALL: [ReviewSort; 3] = [ReviewSort::Newest, ReviewSort::Helpful, ReviewSort::Rating];

    /// The API's field name, also the URL value (`rsort=helpful`).
    pub fn api(self) -> &'static str {
        match self {
            ReviewSort::Newest => "createdAt",
            ReviewSort::Helpful => "helpful",
            ReviewSort::Rating => "rating",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewSort::Newest => "Сначала новые",
            ReviewSort::Helpful => "Сначала полезные",
            ReviewSort::Rating => "По оценке",
        }
    }

    pub fn parse(v: &str) -> Option<ReviewSort> {
        ReviewSort::ALL.into_iter().find(|s| s.api() == v)
    }
}

/// Which reviews to show: a star filter, an order, a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewQuery {
    pub rating: Option<u8>,
    pub sort: ReviewSort,
    pub page: u32,
}

pub const REVIEW_PAGE_SIZE: u32 = 10;

impl ReviewQuery {
    /// From the product page's URL (`rating`, `rsort`, `rpage`), leniently.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = ReviewQuery {
            rating: None,
            sort: ReviewSort::default(),
            page: 1,
        };
        for (k, v) in pairs {
            match k {
                "rating" => q.rating = v.parse().ok().filter(|r| (1..=5).contains(r)),
                "rsort" => q.sort = ReviewSort::parse(v).unwrap_or_default(),
                "rpage" => q.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        q
    }

    /// The URL query pairs, defaults left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(r) = self.rating {
            out.push(("rating", r.to_string()));
        }
        if self.sort != ReviewSort::default() {
            out.push(("rsort", self.sort.api().to_string()));
        }
        if self.page > 1 {
            out.push(("rpage", self.page.to_string()));
        }
        out
    }
}

/// What the shopper typed (kept in sessionStorage across a sign-in).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewDraft {
    /// 0 until a star is chosen.
    pub rating: u8,
    pub title: String,
    pub content: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
}

pub const TITLE_MAX: usize = 100;
pub const CONTENT_MIN: usize = 10;
pub const CONTENT_MAX: usize = 2000;
pub const LIST_MAX: usize = 5;
pub const ITEM_MAX: usize = 100;

/// Problems keyed by the API's field names, so server `details` land in the same place.
pub type Problems = Vec<(&'static str, String)>;

fn chars(s: &str) -> usize {
    s.trim().chars().count()
}

fn check_list(name: &'static str, label: &str, items: &[String], out: &mut Problems) {
    let filled: Vec<&String> = items.iter().filter(|s| !s.trim().is_empty()).collect();
    if filled.len() > LIST_MAX {
        out.push((name, format!("{label}: не больше {LIST_MAX} пунктов")));
    }
    if filled.iter().any(|s| chars(s) > ITEM_MAX) {
        out.push((
            name,
            format!("{label}: каждый пункт — не длиннее {ITEM_MAX} символов"),
        ));
    }
}

impl ReviewDraft {
    /// Every broken rule, in form order; empty when the draft can be sent.
    pub fn problems(&self) -> Problems {
        let mut out = Vec::new();
        if !(1..=5).contains(&self.rating) {
            out.push(("rating", "Поставьте оценку от 1 до 5".to_string()));
        }
        if chars(&self.title) > TITLE_MAX {
            out.push((
                "title",
                format!("Заголовок — не длиннее {TITLE_MAX} символов"),
            ));
        }
        let n = chars(&self.content);
        if n < CONTENT_MIN {
            out.push((
                "content",
                format!("Напишите хотя бы {CONTENT_MIN} символов (сейчас {n})"),
            ));
        } else if n > CONTENT_MAX {
            out.push((
                "content",
                format!("Текст — не длиннее {CONTENT_MAX} символов (сейчас {n})"),
            ));
        }
        check_list("pros", "Достоинства", &self.pros, &mut out);
        check_list("cons", "Недостатки", &self.cons, &mut out);
        out
    }

    /// The request body: trimmed, empty list items and an empty title left out.
    pub fn to_request(&self) -> serde_json::Value {
        let list = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let mut body = serde_json::json!({
            "rating": self.rating,
            "content": self.content.trim(),
            "pros": list(&self.pros),
            "cons": list(&self.cons),
        });
        if !self.title.trim().is_empty() {
            body["title"] = self.title.trim().into();
        }
        body
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn histogram_bars_are_relative_to_the_biggest() {
        assert_eq!(histogram(&[2, 5, 12, 45, 92]), [2, 5, 13, 49, 100]);
        assert_eq!(histogram(&[0; 5]), [0; 5]);
    }

    #[test]
    fn review_query_reads_the_url_leniently() {
        let q = ReviewQuery::from_pairs([("rating", "5"), ("rsort", "helpful"), ("rpage", "2")]);
        assert_eq!(
            (q.rating, q.sort, q.page),
            (Some(5), ReviewSort::Helpful, 2)
        );
        let q = ReviewQuery::from_pairs([("rating", "9"), ("rsort", "x"), ("rpage", "0")]);
        assert_eq!((q.rating, q.sort, q.page), (None, ReviewSort::Newest, 1));
    }

    use super::*;

    fn good() -> ReviewDraft {
        ReviewDraft {
            rating: 4,
            title: "Хороший котёл".into(),
            content: "Греет быстро, работает тихо.".into(),
            pros: vec!["Тихий".into(), "".into()],
            cons: vec![],
        }
    }

    fn fields(d: &ReviewDraft) -> Vec<&'static str> {
        d.problems().into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_complete_review_passes_and_drops_empty_items() {
        let d = good();
        assert!(d.problems().is_empty());
        let body = d.to_request();
        assert_eq!(body["pros"], serde_json::json!(["Тихий"]));
        assert_eq!(body["title"], "Хороший котёл");
    }

    #[test]
    fn rating_must_be_chosen() {
        let d = ReviewDraft {
            rating: 0,
            ..good()
        };
        assert_eq!(fields(&d), ["rating"]);
        let d = ReviewDraft {
            rating: 6,
            ..good()
        };
        assert_eq!(fields(&d), ["rating"]);
    }

    #[test]
    fn text_length_counts_characters_not_bytes_and_ignores_edges() {
        // Nine Cyrillic letters are 18 bytes but still too short.
        let d = ReviewDraft {
            content: "  короткоо  ".into(),
            ..good()
        };
        assert_eq!(fields(&d), ["content"]);
        let d = ReviewDraft {
            content: "десятьбукв".into(),
            ..good()
        };
        assert!(d.problems().is_empty());
        let d = ReviewDraft {
            content: "я".repeat(2001),
            ..good()
        };
        assert_eq!(fields(&d), ["content"]);
        let d = ReviewDraft {
            content: "я".repeat(2000),
            ..good()
        };
        assert!(d.problems().is_empty());
    }

    #[test]
    fn title_and_list_limits() {
        let d = ReviewDraft {
            title: "з".repeat(101),
            ..good()
        };
        assert_eq!(fields(&d), ["title"]);
        let d = ReviewDraft {
            pros: vec!["плюс".into(); 6],
            ..good()
        };
        assert_eq!(fields(&d), ["pros"]);
        let d = ReviewDraft {
            cons: vec!["м".repeat(101)],
            ..good()
        };
        assert_eq!(fields(&d), ["cons"]);
        let d = ReviewDraft {
            pros: vec!["плюс".into(); 5],
            cons: vec!["минус".into(); 5],
            ..good()
        };
        assert!(d.problems().is_empty());
    }

    #[test]
    fn an_empty_title_is_left_out_of_the_request() {
        let d = ReviewDraft {
            title: "   ".into(),
            ..good()
        };
        assert!(d.to_request().get("title").is_none());
    }
}
