//! Product and variant attributes as a shopper reads them. Seed 003 sends their keys as the
//! backend's own camelCase English (`servingSize`, `form`); the shop shows a Russian label
//! from [`LABELS`], an unknown Latin key split into words («Country of origin» for
//! `countryOfOrigin`), and a key already in people's words (Russian, or anything else that
//! is not an identifier) as it came.

use std::borrow::Cow;

/// Known keys, written as [`fold`] leaves them, and their Russian labels: seed 003's example
/// and every key the stub's catalog sends (tests/stub-api/src/data.rs).
const LABELS: &[(&str, &str)] = &[
    // Seed 003.
    ("servingsize", "Размер порции"),
    ("servingspercontainer", "Порций в упаковке"),
    ("form", "Форма выпуска"),
    // The stub's product attributes.
    ("brand", "Бренд"),
    ("countryoforigin", "Страна производства"),
    ("warranty", "Гарантия"),
    ("manufacturersku", "Артикул производителя"),
    // The stub's variant attributes.
    ("power", "Мощность"),
    ("sections", "Число секций"),
    ("length", "Длина"),
    ("area", "Площадь"),
    ("color", "Цвет"),
    ("colour", "Цвет"),
    ("head", "Напор"),
    ("volume", "Объём"),
    ("size", "Размер"),
    ("stages", "Ступеней очистки"),
    ("seat", "Сиденье"),
    ("flushbutton", "Клавиша смыва"),
    ("batterycapacity", "Ёмкость аккумулятора"),
    ("discdiameter", "Диаметр диска"),
    ("piececount", "Предметов в наборе"),
    ("beamcolor", "Цвет луча"),
    ("measurementcategory", "Категория измерений"),
    ("crosssection", "Сечение"),
    ("ratedcurrent", "Номинальный ток"),
    ("modules", "Число модулей"),
    ("colortemperature", "Цветовая температура"),
    ("lampbase", "Цоколь"),
    ("diameter", "Диаметр"),
    // Common elsewhere.
    ("material", "Материал"),
    ("model", "Модель"),
    ("manufacturer", "Производитель"),
    ("country", "Страна"),
    ("weight", "Вес"),
    ("width", "Ширина"),
    ("height", "Высота"),
    ("depth", "Глубина"),
    ("voltage", "Напряжение"),
];

/// `servingSize`, `serving_size`, `Serving-Size` → `servingsize`: one spelling per key.
fn fold(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A key as a programmer writes it: Latin letters, digits, `_` and `-`, from a letter.
fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The label a shopper reads for attribute `key`.
pub fn label(key: &str) -> Cow<'_, str> {
    let key = key.trim();
    if !is_identifier(key) {
        return Cow::Borrowed(key);
    }
    let folded = fold(key);
    match LABELS.iter().find(|(k, _)| *k == folded) {
        Some((_, l)) => Cow::Borrowed(l),
        None => Cow::Owned(humanise(key)),
    }
}

/// `countryOfOrigin` → «Country of origin», `max_load_KG` → «Max load KG»: the words of a
/// camelCase, snake_case or kebab-case key, the first capitalised, acronyms kept.
pub fn humanise(key: &str) -> String {
    let shouting = !key.chars().any(|c| c.is_ascii_lowercase());
    let mut words: Vec<String> = Vec::new();
    for part in key.split(['_', '-', ' ']).filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let starts = match prev {
                None => false,
                // fooBar, foo2, 2foo
                Some(p) if p.is_ascii_lowercase() && c.is_ascii_uppercase() => true,
                Some(p) if p.is_ascii_digit() != c.is_ascii_digit() => true,
                // HTMLParser: the P starts «Parser»
                Some(p) => {
                    p.is_ascii_uppercase()
                        && c.is_ascii_uppercase()
                        && next.is_some_and(|n| n.is_ascii_lowercase())
                }
            };
            if starts {
                words.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        words.push(word);
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|w| {
            let acronym = w.len() > 1 && !shouting && w.chars().all(|c| !c.is_ascii_lowercase());
            if acronym {
                w
            } else {
                w.to_ascii_lowercase()
            }
        })
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A variant's attributes on one line: «Мощность: 24 кВт, Цвет: белый».
pub fn line<'a>(attributes: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    attributes
        .into_iter()
        .map(|(k, v)| format!("{}: {v}", label(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_003s_keys_read_in_russian() {
        assert_eq!(label("servingSize"), "Размер порции");
        assert_eq!(label("servingsPerContainer"), "Порций в упаковке");
        assert_eq!(label("form"), "Форма выпуска");
    }

    #[test]
    fn other_spellings_of_a_known_key_find_its_label() {
        assert_eq!(label("serving_size"), "Размер порции");
        assert_eq!(label("SERVING_SIZE"), "Размер порции");
        assert_eq!(label("country-of-origin"), "Страна производства");
        assert_eq!(label(" brand "), "Бренд");
    }

    #[test]
    fn every_key_the_stub_sends_has_a_russian_label() {
        for key in [
            "brand",
            "countryOfOrigin",
            "warranty",
            "manufacturerSku",
            "power",
            "sections",
            "length",
            "area",
            "color",
            "head",
            "volume",
            "size",
            "stages",
            "seat",
            "flushButton",
            "batteryCapacity",
            "discDiameter",
            "pieceCount",
            "beamColor",
            "measurementCategory",
            "crossSection",
            "ratedCurrent",
            "modules",
            "colorTemperature",
            "lampBase",
            "diameter",
        ] {
            let l = label(key);
            assert!(
                l.chars()
                    .next()
                    .is_some_and(|c| ('А'..='Я').contains(&c) || c == 'Ё'),
                "{key} → {l}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_split_into_words() {
        assert_eq!(label("countryOfManufacture"), "Country of manufacture");
        assert_eq!(label("max_load"), "Max load");
        assert_eq!(label("noise-level"), "Noise level");
        assert_eq!(label("ipRating"), "Ip rating");
        assert_eq!(label("IPRating"), "IP rating");
        assert_eq!(label("maxLoadKG"), "Max load KG");
        assert_eq!(label("socket2Type"), "Socket 2 type");
        assert_eq!(label("MAX_LOAD"), "Max load");
        assert_eq!(label("x"), "X");
    }

    #[test]
    fn keys_in_peoples_words_stay_as_they_came() {
        assert_eq!(label("Мощность"), "Мощность");
        assert_eq!(label("Страна производства"), "Страна производства");
        assert_eq!(label("Max load"), "Max load");
        assert_eq!(
            label("<script>window.__pwned=1</script>"),
            "<script>window.__pwned=1</script>"
        );
        assert_eq!(label("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(label(""), "");
        assert_eq!(label("_"), "_");
        assert_eq!(label("2024"), "2024");
    }

    #[test]
    fn a_variant_reads_as_one_line() {
        let attrs = [
            ("power", "24 кВт"),
            ("Цвет", "белый"),
            ("countryOfManufacture", "Италия"),
        ];
        assert_eq!(
            line(attrs),
            "Мощность: 24 кВт, Цвет: белый, Country of manufacture: Италия"
        );
        assert_eq!(line([]), "");
    }
}
