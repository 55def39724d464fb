//! A partner's level and the way to the next one (seed 004 `GET /partners/levels`: purchase
//! ranges; the partner's `purchaseAmount` in the reporting period).

use rust_decimal::Decimal;

/// One level: its purchase range `[min, max)`; the top one has no `max`, a dealer's level
/// no range at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub range: Option<(Decimal, Option<Decimal>)>,
}

/// Where the partner stands on the way up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Percent of the current level's range covered, 0–100.
    pub percent: u32,
    /// The next level's title and what is left to buy to reach it.
    pub next: Option<(String, Decimal)>,
}

/// The partner's level among `levels`: by id, else by number (seed 004's mounter example
/// has a title of its own and no number).
pub fn find<'a>(levels: &'a [Level], current: &Level) -> Option<&'a Level> {
    levels.iter().find(|l| l.id == current.id).or_else(|| {
        levels
            .iter()
            .find(|l| l.number.is_some() && l.number == current.number)
    })
}

/// Progress from the current level's range and the period's purchases. `None` where there
/// is no way up to show (a dealer's level, no purchases reported).
pub fn progress(levels: &[Level], current: &Level, purchases: Option<Decimal>) -> Option<Progress> {
    let purchases = purchases?;
    let me = find(levels, current).unwrap_or(current);
    let (min, max) = me.range?;
    let Some(max) = max else {
        return Some(Progress {
            percent: 100,
            next: None,
        });
    };
    let next = levels
        .iter()
        .filter(|l| l.range.is_some_and(|(lo, _)| lo >= max))
        .min_by_key(|l| l.range.map(|(lo, _)| lo))
        .map(|l| (l.title.clone(), (max - purchases).max(Decimal::ZERO)));
    let span = max - min;
    let covered = if span <= Decimal::ZERO {
        Decimal::ONE_HUNDRED
    } else {
        ((purchases - min) * Decimal::ONE_HUNDRED / span).clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
    };
    Some(Progress {
        percent: covered.floor().try_into().unwrap_or(0),
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    /// Seed 004's levels.
    fn levels() -> Vec<Level> {
        let l = |n: u32, title: &str, range: Option<(i64, Option<i64>)>| Level {
            id: format!("{n}08fa663"),
            number: Some(n),
            title: title.into(),
            range: range.map(|(a, b)| (d(a), b.map(d))),
        };
        vec![
            l(1, "Мелкий опт", Some((0, Some(100_000)))),
            l(2, "Опт", Some((100_000, Some(200_000)))),
            l(3, "Крупный опт", Some((200_000, Some(400_000)))),
            l(4, "VIP", Some((400_000, Some(600_000)))),
            l(5, "VIP+", Some((600_000, None))),
            l(6, "Дилер", None),
        ]
    }

    fn at(n: usize) -> Level {
        levels()[n - 1].clone()
    }

    #[test]
    fn progress_is_the_share_of_the_range_and_what_is_left_to_the_next_level() {
        let p = progress(&levels(), &at(3), Some(d(250_000))).unwrap();
        assert_eq!(p.percent, 25);
        assert_eq!(p.next, Some(("VIP".into(), d(150_000))));
    }

    #[test]
    fn at_the_edges_of_a_range() {
        // Just reached the level: nothing covered yet, the whole range left.
        let p = progress(&levels(), &at(2), Some(d(100_000))).unwrap();
        assert_eq!(
            (p.percent, p.next),
            (0, Some(("Крупный опт".into(), d(100_000))))
        );
        // The range's top reached before the level is recalculated: full, nothing left.
        let p = progress(&levels(), &at(2), Some(d(200_000))).unwrap();
        assert_eq!(
            (p.percent, p.next),
            (100, Some(("Крупный опт".into(), d(0))))
        );
        // Bought more than the range (recalculation pending): still full, never negative.
        let p = progress(&levels(), &at(1), Some(d(150_000))).unwrap();
        assert_eq!((p.percent, p.next), (100, Some(("Опт".into(), d(0)))));
        // One rouble short.
        let p = progress(&levels(), &at(4), Some(d(599_999))).unwrap();
        assert_eq!((p.percent, p.next), (99, Some(("VIP+".into(), d(1)))));
        // Below the range (purchases fell in the new period): empty.
        assert_eq!(progress(&levels(), &at(3), Some(d(10))).unwrap().percent, 0);
    }

    #[test]
    fn the_top_level_is_full_and_a_dealer_or_no_purchases_has_no_bar() {
        let p = progress(&levels(), &at(5), Some(d(700_000))).unwrap();
        assert_eq!((p.percent, p.next), (100, None));
        assert_eq!(progress(&levels(), &at(6), None), None);
        assert_eq!(progress(&levels(), &at(6), Some(d(1))), None);
        assert_eq!(progress(&levels(), &at(3), None), None);
    }

    #[test]
    fn seed_004s_mounter_level_is_found_by_id_though_it_has_no_number() {
        let mine = Level {
            id: "308fa663".into(),
            number: None,
            title: "3 уровень".into(),
            range: Some((d(200_000), Some(d(400_000)))),
        };
        assert_eq!(find(&levels(), &mine).unwrap().title, "Крупный опт");
        assert_eq!(
            progress(&levels(), &mine, Some(d(300_000)))
                .unwrap()
                .percent,
            50
        );
        // Levels not loaded: the partner's own range still gives the bar.
        let p = progress(&[], &mine, Some(d(300_000))).unwrap();
        assert_eq!((p.percent, p.next), (50, None));
    }
}
