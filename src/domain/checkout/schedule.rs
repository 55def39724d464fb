//! A shop's opening hours (seed 004 `Warehouse.schedule`) said the way a shopper asks:
//! «сегодня до 21:00».

use serde::Deserialize;

/// One day of a schedule: `dayOfWeek` 1 = Monday … 7 = Sunday, `HH:MM` local time.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OpenHours {
    pub day_of_week: u8,
    pub begin: String,
    pub end: String,
}

fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().get(..2)?.parse().ok()?);
    (h <= 24 && m < 60).then_some(h * 60 + m)
}

fn short(hhmm: &str) -> &str {
    hhmm.get(..5).unwrap_or(hhmm)
}

const DAY_NAMES: [&str; 7] = [
    "в понедельник",
    "во вторник",
    "в среду",
    "в четверг",
    "в пятницу",
    "в субботу",
    "в воскресенье",
];

/// Today's hours at `weekday` (1–7) and `now` minutes past local midnight.
pub fn today_text(schedule: &[OpenHours], weekday: u8, now: u32) -> String {
    let day = |d: u8| schedule.iter().find(|h| h.day_of_week == d);
    let next_open = |from: u8| {
        (1..=7u8).find_map(|k| {
            let d = (from - 1 + k) % 7 + 1;
            day(d).map(|h| {
                let when = if k == 1 {
                    "завтра"
                } else {
                    DAY_NAMES[(d - 1) as usize]
                };
                format!("откроется {when} в {}", short(&h.begin))
            })
        })
    };
    if schedule.is_empty() {
        return "часы работы не указаны".into();
    }
    match day(weekday).and_then(|h| Some((h, minutes(&h.begin)?, minutes(&h.end)?))) {
        Some((h, b, _)) if now < b => {
            format!("сегодня с {} до {}", short(&h.begin), short(&h.end))
        }
        Some((h, _, e)) if now < e => format!("сегодня до {}", short(&h.end)),
        Some(_) => format!(
            "сегодня уже закрыто, {}",
            next_open(weekday).unwrap_or_default()
        ),
        None => format!(
            "сегодня выходной, {}",
            next_open(weekday).unwrap_or_default()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(days: &[u8], b: &str, e: &str) -> Vec<OpenHours> {
        days.iter()
            .map(|d| OpenHours {
                day_of_week: *d,
                begin: b.into(),
                end: e.into(),
            })
            .collect()
    }

    #[test]
    fn hours_are_said_for_now() {
        let s = week(&[1, 2, 3, 4, 5, 6], "09:00", "21:00");
        assert_eq!(today_text(&s, 3, 8 * 60), "сегодня с 09:00 до 21:00");
        assert_eq!(today_text(&s, 3, 12 * 60), "сегодня до 21:00");
        assert_eq!(
            today_text(&s, 3, 21 * 60 + 5),
            "сегодня уже закрыто, откроется завтра в 09:00"
        );
        assert_eq!(
            today_text(&s, 6, 22 * 60),
            "сегодня уже закрыто, откроется в понедельник в 09:00"
        );
        assert_eq!(
            today_text(&s, 7, 12 * 60),
            "сегодня выходной, откроется завтра в 09:00"
        );
        assert_eq!(today_text(&[], 1, 0), "часы работы не указаны");
        assert_eq!(
            today_text(&week(&[3], "10:00:00", "22:00:00"), 3, 600),
            "сегодня до 22:00"
        );
    }
}
