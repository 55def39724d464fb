//! Russian mobile numbers: what the shopper types ⇄ `+79991234567` ⇄ `+7 (999) 123-45-67`.

/// The ten digits after the country code, from whatever was typed: `8 999…`, `+7 999…`,
/// `(999) 123-45-67`. Extra digits are cut off; fewer mean the number is not finished.
pub fn national_digits(input: &str) -> String {
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let rest = match digits.len() {
        // A leading 7 or 8 is the trunk/country prefix once there is more than a bare code.
        n if n >= 11 && (digits.starts_with('7') || digits.starts_with('8')) => &digits[1..],
        _ if input.trim_start().starts_with("+7") => &digits[1..],
        _ if digits.starts_with('8') && digits.len() > 1 => &digits[1..],
        _ => &digits[..],
    };
    rest.chars().take(10).collect()
}

/// `+79991234567` when all ten digits are there.
pub fn to_e164(input: &str) -> Option<String> {
    let d = national_digits(input);
    (d.len() == 10).then(|| format!("+7{d}"))
}

/// As the shopper should see it while typing: `+7 (999) 123-45-67`, partial as it grows.
pub fn format_partial(input: &str) -> String {
    // The first key of `8 999…` or `+7 999…` opens the mask.
    if matches!(input, "7" | "8" | "+") {
        return "+7 (".to_string();
    }
    let d = national_digits(input);
    // Nothing left (say, deleted back past the bracket): the field clears.
    if d.is_empty() {
        return String::new();
    }
    let mut out = String::from("+7 (");
    for (i, c) in d.chars().enumerate() {
        match i {
            3 => out.push_str(") "),
            6 | 8 => out.push('-'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// To read: `+79161234501` or seed 004's `79876543210` → «+7 916 123-45-01»; anything
/// that is not a whole number is shown as it came.
pub fn display(p: &str) -> String {
    match to_e164(p) {
        Some(_) => {
            let d = national_digits(p);
            format!("+7 {} {}-{}-{}", &d[..3], &d[3..6], &d[6..8], &d[8..])
        }
        None => p.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_display_one_way() {
        assert_eq!(display("+79161234501"), "+7 916 123-45-01");
        assert_eq!(display("79876543210"), "+7 987 654-32-10");
        assert_eq!(display("+7..."), "+7...");
    }

    #[test]
    fn every_usual_way_of_typing_gives_the_same_number() {
        for typed in [
            "+79991234567",
            "89991234567",
            "8 (999) 123-45-67",
            "+7 (999) 123-45-67",
            "9991234567",
            "79991234567",
        ] {
            assert_eq!(to_e164(typed).as_deref(), Some("+79991234567"), "{typed}");
        }
        assert_eq!(to_e164("+7 999 123"), None);
        assert_eq!(to_e164(""), None);
    }

    #[test]
    fn the_mask_follows_the_typing() {
        assert_eq!(format_partial("9"), "+7 (9");
        assert_eq!(format_partial("999"), "+7 (999");
        assert_eq!(format_partial("9991"), "+7 (999) 1");
        assert_eq!(format_partial("99912345"), "+7 (999) 123-45");
        assert_eq!(format_partial("+79991234567"), "+7 (999) 123-45-67");
        assert_eq!(format_partial("+7 (999) 123-45-678"), "+7 (999) 123-45-67");
        assert_eq!(format_partial("+7 "), "");
        assert_eq!(format_partial("8"), "+7 (");
        assert_eq!(format_partial("+7 (9"), "+7 (9");
        // Typing `89990000001` key by key, each step re-masked as the page does.
        let typed = "89990000001"
            .chars()
            .fold(String::new(), |acc, c| format_partial(&format!("{acc}{c}")));
        assert_eq!(typed, "+7 (999) 000-00-01");
        // Re-formatting its own output is stable.
        let once = format_partial("89991234567");
        assert_eq!(format_partial(&once), once);
    }
}
