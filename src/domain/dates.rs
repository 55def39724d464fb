//! Calendar arithmetic for dates the backends send as ISO 8601 strings (no time-zone
//! database: offsets are read from the string, local time is passed in by the caller).

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// ISO weekday of a day number: 1 = Monday … 7 = Sunday.
pub fn weekday(days: i64) -> u8 {
    ((days + 3).rem_euclid(7) + 1) as u8
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `2024-01-15` → (2024, 1, 15).
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let mut it = s.get(..10)?.split('-');
    let y = num(it.next()?)? as i64;
    let m = num(it.next()?)?;
    let d = num(it.next()?)?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// `2024-01-15T21:00:00Z`, `…+03:00`, `…T21:00Z` → unix seconds; a bare date is midnight UTC.
pub fn parse_iso(s: &str) -> Option<i64> {
    let (y, m, d) = parse_date(s)?;
    let day = days_from_civil(y, m, d) * 86_400;
    let Some(rest) = s.get(10..).filter(|r| !r.is_empty()) else {
        return Some(day);
    };
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let (clock, offset) = match rest.find(['Z', '+', '-']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let clock = clock.split('.').next()?;
    let mut parts = clock.split(':');
    let h = num(parts.next()?)? as i64;
    let mi = num(parts.next()?)? as i64;
    let sec = parts.next().map_or(Some(0), num)? as i64;
    let off = match offset {
        "" | "Z" => 0,
        o => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let o = &o[1..];
            let (oh, om) = o
                .split_once(':')
                .unwrap_or((o.get(..2)?, o.get(2..).unwrap_or("0")));
            sign * (num(oh)? as i64 * 3600 + num(om).unwrap_or(0) as i64 * 60)
        }
    };
    Some(day + h * 3600 + mi * 60 + sec - off)
}

/// The same instant as `2024-01-15T21:00:00Z`.
pub fn iso_utc(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

const MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const WEEKDAYS: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

/// «16 октября».
pub fn day_month(m: u32, d: u32) -> String {
    format!("{d} {}", MONTHS[(m.clamp(1, 12) - 1) as usize])
}

/// «чт, 16 октября» of `2025-10-16`; the string itself when it is not a date.
pub fn day_label(date: &str) -> String {
    match parse_date(date) {
        Some((y, m, d)) => format!(
            "{}, {}",
            WEEKDAYS[(weekday(days_from_civil(y, m, d)) - 1) as usize],
            day_month(m, d)
        ),
        None => date.to_string(),
    }
}

/// «16 октября» of an ISO date or date-time; the string itself when unreadable.
pub fn date_text(iso: &str) -> String {
    parse_date(iso).map_or_else(|| iso.to_string(), |(_, m, d)| day_month(m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip_and_weekdays() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(2026, 12, 2)), (2026, 12, 2));
        // 2026-12-02 is a Wednesday, 1970-01-01 a Thursday.
        assert_eq!(weekday(days_from_civil(2026, 12, 2)), 3);
        assert_eq!(weekday(0), 4);
    }

    #[test]
    fn iso_strings_with_offsets_become_the_same_instant() {
        assert_eq!(parse_iso("2024-01-15T14:40:00Z"), Some(1_705_329_600));
        assert_eq!(parse_iso("2024-01-15T17:40:00+03:00"), Some(1_705_329_600));
        assert_eq!(parse_iso("2024-01-15T14:40Z"), Some(1_705_329_600));
        assert_eq!(parse_iso("2024-01-15T14:40:00.123Z"), Some(1_705_329_600));
        assert_eq!(parse_iso("2024-01-15"), Some(1_705_276_800));
        assert_eq!(parse_iso("вчера"), None);
        assert_eq!(parse_iso("2024-13-01"), None);
        assert_eq!(iso_utc(1_705_329_600), "2024-01-15T14:40:00Z");
    }

    #[test]
    fn dates_read_in_russian() {
        assert_eq!(day_label("2025-10-16"), "чт, 16 октября");
        assert_eq!(date_text("2024-01-20"), "20 января");
        assert_eq!(date_text("скоро"), "скоро");
    }
}
