//! The bonus balance's history as the URL carries it (past or upcoming, additions or
//! subtractions, date range, sort direction, page), its totals, and the balance over time
//! that the chart draws.

use crate::domain::orders::history::date;
use rust_decimal::Decimal;

/// Operations per page (seed 004 allows up to 100).
pub const PAGE_SIZE: u32 = 20;

/// What `/partner/history?when=&kind=&from=&to=&dir=&page=` shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Upcoming (`FUTURE`) rather than past (`PAST`) operations.
    pub upcoming: bool,
    /// `Some(true)` additions only, `Some(false)` subtractions only.
    pub additions: Option<bool>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Oldest first.
    pub ascending: bool,
    pub page: u32,
}

impl Default for HistoryFilter {
    fn default() -> Self {
        HistoryFilter {
            upcoming: false,
            additions: None,
            from: None,
            to: None,
            ascending: false,
            page: 1,
        }
    }
}

impl HistoryFilter {
    /// From a URL query; anything unknown or malformed is left out, never an error.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = HistoryFilter::default();
        for (k, v) in pairs {
            match (k, v) {
                ("when", "upcoming") => f.upcoming = true,
                ("kind", "in") => f.additions = Some(true),
                ("kind", "out") => f.additions = Some(false),
                ("from", v) => f.from = date(v),
                ("to", v) => f.to = date(v),
                ("dir", "asc") => f.ascending = true,
                ("page", v) => f.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if a > b {
                std::mem::swap(&mut f.from, &mut f.to);
            }
        }
        f
    }

    /// The URL query; defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.upcoming {
            out.push(("when", "upcoming".to_string()));
        }
        if let Some(a) = self.additions {
            out.push(("kind", if a { "in" } else { "out" }.to_string()));
        }
        if let Some(d) = &self.from {
            out.push(("from", d.clone()));
        }
        if let Some(d) = &self.to {
            out.push(("to", d.clone()));
        }
        if self.ascending {
            out.push(("dir", "asc".to_string()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        out
    }

    /// The same filter on page `n`.
    pub fn on_page(&self, n: u32) -> Self {
        HistoryFilter {
            page: n.max(1),
            ..self.clone()
        }
    }

    pub fn offset(&self) -> u32 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }
}

/// One operation: when (unix seconds), which way, how much.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    pub at: Option<i64>,
    pub addition: bool,
    pub value: Decimal,
}

impl Op {
    fn signed(&self) -> Decimal {
        if self.addition {
            self.value
        } else {
            -self.value
        }
    }
}

/// What came in and what went out.
pub fn totals(ops: &[Op]) -> (Decimal, Decimal) {
    ops.iter()
        .fold((Decimal::ZERO, Decimal::ZERO), |(i, o), op| {
            if op.addition {
                (i + op.value, o)
            } else {
                (i, o + op.value)
            }
        })
}

/// The balance after each operation, oldest first, from today's `balance` and every past
/// operation since the period began (`ops` in any order; those without a time are left
/// out). The first point is the balance before the first operation, at its time.
pub fn balance_line(balance: Decimal, ops: &[Op]) -> Vec<(i64, Decimal)> {
    let mut timed: Vec<&Op> = ops.iter().filter(|o| o.at.is_some()).collect();
    timed.sort_by_key(|o| o.at);
    let Some(first) = timed.first() else {
        return Vec::new();
    };
    let start = balance - timed.iter().map(|o| o.signed()).sum::<Decimal>();
    let mut line = vec![(first.at.unwrap_or(0), start)];
    let mut now = start;
    for o in timed {
        now += o.signed();
        line.push((o.at.unwrap_or(0), now));
    }
    line
}

/// The line's points in a `w` × `h` box (y grows downwards), for an SVG polyline; the
/// lowest balance at the bottom, the highest at the top, a flat line in the middle.
pub fn chart_points(line: &[(i64, Decimal)], w: u32, h: u32) -> Vec<(u32, u32)> {
    let (Some(t0), Some(t1)) = (line.first().map(|p| p.0), line.last().map(|p| p.0)) else {
        return Vec::new();
    };
    let lo = line.iter().map(|p| p.1).min().unwrap_or_default();
    let hi = line.iter().map(|p| p.1).max().unwrap_or_default();
    let n = line.len().max(2) as i64 - 1;
    line.iter()
        .enumerate()
        .map(|(i, (t, v))| {
            // Time decides x; points at the same second are spread evenly instead.
            let x = if t1 > t0 {
                (t - t0) * i64::from(w) / (t1 - t0)
            } else {
                i as i64 * i64::from(w) / n
            };
            let y = if hi > lo {
                ((hi - v) * Decimal::from(h) / (hi - lo)).round()
            } else {
                Decimal::from(h / 2)
            };
            (x.clamp(0, i64::from(w)) as u32, y.try_into().unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(at: i64, addition: bool, v: i64) -> Op {
        Op {
            at: Some(at),
            addition,
            value: Decimal::from(v),
        }
    }

    #[test]
    fn the_url_round_trips_and_leaves_defaults_out() {
        let f = HistoryFilter::from_pairs([
            ("when", "upcoming"),
            ("kind", "out"),
            ("from", "2026-03-01"),
            ("to", "2026-01-01"),
            ("dir", "asc"),
            ("page", "3"),
            ("junk", "1"),
        ]);
        assert!(f.upcoming && f.ascending);
        assert_eq!(f.additions, Some(false));
        assert_eq!(
            (f.from.as_deref(), f.to.as_deref()),
            (Some("2026-01-01"), Some("2026-03-01")),
            "swapped"
        );
        assert_eq!(f.offset(), 40);
        let pairs = f.to_pairs();
        let back = HistoryFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, f);
        assert!(HistoryFilter::default().to_pairs().is_empty());
        let bad = HistoryFilter::from_pairs([("kind", "all"), ("from", "вчера"), ("page", "0")]);
        assert_eq!(bad, HistoryFilter::default());
        assert_eq!(f.on_page(1).offset(), 0);
    }

    #[test]
    fn totals_sum_each_way() {
        let ops = [op(1, true, 500), op(2, false, 120), op(3, true, 30)];
        assert_eq!(totals(&ops), (Decimal::from(530), Decimal::from(120)));
        assert_eq!(totals(&[]), (Decimal::ZERO, Decimal::ZERO));
    }

    #[test]
    fn the_balance_line_walks_back_from_today_and_ends_at_today() {
        // Today 1000; since the period began: +500 at t=10, −200 at t=20, +100 at t=30.
        let ops = [op(30, true, 100), op(10, true, 500), op(20, false, 200)];
        let line = balance_line(Decimal::from(1000), &ops);
        let d = Decimal::from;
        assert_eq!(
            line,
            [(10, d(600)), (10, d(1100)), (20, d(900)), (30, d(1000))]
        );
        assert!(balance_line(d(5), &[]).is_empty());
        let untimed = Op {
            at: None,
            addition: true,
            value: d(1),
        };
        assert_eq!(balance_line(d(5), &[untimed]), []);
    }

    #[test]
    fn chart_points_fill_the_box_lowest_at_the_bottom() {
        let d = Decimal::from;
        let line = [(0, d(600)), (10, d(1100)), (20, d(900)), (40, d(1000))];
        assert_eq!(
            chart_points(&line, 400, 100),
            [(0, 100), (100, 0), (200, 40), (400, 20)]
        );
        // All at one moment: spread evenly; a flat balance sits in the middle.
        assert_eq!(
            chart_points(&[(5, d(1)), (5, d(1))], 300, 80),
            [(0, 40), (300, 40)]
        );
        assert!(chart_points(&[], 300, 80).is_empty());
    }
}
