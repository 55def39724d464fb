//! Deterministic shop data in Russian. Products are kept compact (indices, kopecks) so
//! 100 000 of them fit easily; their long fields are derived when serialized.

use serde_json::{json, Value};

/// A tiny deterministic generator (splitmix64): same seed, same shop.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// UUID-shaped deterministic ids; the group nibble tells kinds apart when debugging.
pub fn uuid(group: u16, n: u64) -> String {
    format!("00000000-0000-4000-{group:04x}-{n:012x}")
}

pub fn product_id(idx: usize) -> String {
    uuid(0xa000, idx as u64 + 1)
}

pub fn parse_product_id(id: &str) -> Option<usize> {
    let rest = id.strip_prefix("00000000-0000-4000-a000-")?;
    let n = u64::from_str_radix(rest, 16).ok()?;
    (n >= 1).then(|| (n - 1) as usize)
}

/// Id of variant `i` (0-based) of product `idx`, as `GET /products/:id` lists it.
pub fn variant_id(idx: usize, i: usize) -> String {
    uuid(0xa100, (idx * 8 + i) as u64 + 1)
}

pub fn category_id(idx: usize) -> String {
    uuid(0xc000, idx as u64 + 1)
}

/// Roubles from kopecks as a JSON number (`1234.5`, `2500`).
pub fn money(kopecks: i64) -> Value {
    if kopecks % 100 == 0 {
        json!(kopecks / 100)
    } else {
        serde_json::Number::from_f64(kopecks as f64 / 100.0)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

const TRANSLIT: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "sch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

/// Latin slug of a Russian name.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.to_lowercase().chars() {
        if let Some((_, t)) = TRANSLIT.iter().find(|(c, _)| *c == ch) {
            out.push_str(t);
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A leaf category's product family: noun, brands, and the attribute variants differ by.
struct Family {
    leaf: &'static str,
    noun: &'static str,
    brands: &'static [&'static str],
    /// The variant attribute's key as seed 003 writes keys (camelCase English).
    variant_key: &'static str,
    /// Its Russian name, for the variants' own names.
    variant_label: &'static str,
    variant_values: &'static [&'static str],
    price_rub: (i64, i64),
}

/// Second-level category: its name and the product families of its leaves.
type Child = (&'static str, &'static [usize]);

/// Root categories: name, description, children.
const ROOTS: &[(&str, &str, &[Child])] = &[
    (
        "Отопление",
        "Котлы, радиаторы и тёплые полы",
        &[
            ("Котлы", &[0, 1, 2]),
            ("Радиаторы", &[3, 4]),
            ("Тёплый пол", &[5, 6]),
        ],
    ),
    (
        "Водоснабжение",
        "Насосы, водонагреватели, фильтры",
        &[
            ("Насосы", &[7, 8]),
            ("Водонагреватели", &[9, 10]),
            ("Фильтры для воды", &[11, 12]),
        ],
    ),
    (
        "Сантехника",
        "Смесители, унитазы, ванны и душевые",
        &[
            ("Смесители", &[13, 14]),
            ("Унитазы и инсталляции", &[15, 16]),
            ("Ванны и душевые", &[17, 18, 19]),
        ],
    ),
    (
        "Инструменты",
        "Электро- и ручной инструмент",
        &[
            ("Электроинструмент", &[20, 21, 22]),
            ("Ручной инструмент", &[23, 24]),
            ("Измерительный инструмент", &[25, 26]),
        ],
    ),
    (
        "Электрика",
        "Кабель, автоматы, освещение",
        &[
            ("Кабель и провод", &[27, 28]),
            ("Автоматы и щиты", &[29, 30]),
            ("Освещение", &[31, 32]),
        ],
    ),
    (
        "Вентиляция",
        "Вентиляторы и кондиционеры",
        &[
            ("Вентиляторы", &[33, 34]),
            ("Кондиционеры", &[35, 36]),
            ("Воздуховоды", &[37]),
        ],
    ),
];

/// Leaf 37 («Фасонные части воздуховодов») deliberately has no products.
pub const EMPTY_LEAF_FAMILY: usize = 37;

const FAMILIES: &[Family] = &[
    Family {
        leaf: "Газовые котлы",
        noun: "Котёл газовый",
        brands: &["Baxi", "Navien", "Vaillant", "Protherm", "Bosch"],
        variant_key: "power",
        variant_label: "Мощность",
        variant_values: &["18 кВт", "24 кВт", "28 кВт", "35 кВт"],
        price_rub: (28000, 180000),
    },
    Family {
        leaf: "Электрические котлы",
        noun: "Котёл электрический",
        brands: &["Эван", "Protherm", "Kospel", "Zota"],
        variant_key: "power",
        variant_label: "Мощность",
        variant_values: &["6 кВт", "9 кВт", "12 кВт"],
        price_rub: (14000, 70000),
    },
    Family {
        leaf: "Твердотопливные котлы",
        noun: "Котёл твердотопливный",
        brands: &["Zota", "Теплодар", "Stropuva"],
        variant_key: "power",
        variant_label: "Мощность",
        variant_values: &["15 кВт", "20 кВт", "25 кВт"],
        price_rub: (30000, 160000),
    },
    Family {
        leaf: "Биметаллические радиаторы",
        noun: "Радиатор биметаллический",
        brands: &["Rifar", "Royal Thermo", "Global", "Sira"],
        variant_key: "sections",
        variant_label: "Число секций",
        variant_values: &["6", "8", "10", "12"],
        price_rub: (4500, 22000),
    },
    Family {
        leaf: "Стальные радиаторы",
        noun: "Радиатор стальной панельный",
        brands: &["Kermi", "Buderus", "Purmo"],
        variant_key: "length",
        variant_label: "Длина",
        variant_values: &["600 мм", "800 мм", "1000 мм"],
        price_rub: (5200, 26000),
    },
    Family {
        leaf: "Нагревательные маты",
        noun: "Мат нагревательный",
        brands: &["Теплолюкс", "Devi", "Caleo"],
        variant_key: "area",
        variant_label: "Площадь",
        variant_values: &["2 м²", "4 м²", "6 м²"],
        price_rub: (3000, 18000),
    },
    Family {
        leaf: "Терморегуляторы",
        noun: "Терморегулятор",
        brands: &["Теплолюкс", "Devi", "Electrolux"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Белый", "Чёрный", "Серебристый"],
        price_rub: (900, 9000),
    },
    Family {
        leaf: "Циркуляционные насосы",
        noun: "Насос циркуляционный",
        brands: &["Grundfos", "Wilo", "DAB", "Джилекс"],
        variant_key: "head",
        variant_label: "Напор",
        variant_values: &["4 м", "6 м", "8 м"],
        price_rub: (3500, 32000),
    },
    Family {
        leaf: "Скважинные насосы",
        noun: "Насос скважинный",
        brands: &["Grundfos", "Джилекс", "Unipump"],
        variant_key: "head",
        variant_label: "Напор",
        variant_values: &["60 м", "90 м", "120 м"],
        price_rub: (9000, 70000),
    },
    Family {
        leaf: "Накопительные водонагреватели",
        noun: "Водонагреватель накопительный",
        brands: &["Ariston", "Thermex", "Electrolux", "Gorenje"],
        variant_key: "volume",
        variant_label: "Объём",
        variant_values: &["30 л", "50 л", "80 л", "100 л"],
        price_rub: (8000, 45000),
    },
    Family {
        leaf: "Проточные водонагреватели",
        noun: "Водонагреватель проточный",
        brands: &["Thermex", "Electrolux", "Stiebel Eltron"],
        variant_key: "power",
        variant_label: "Мощность",
        variant_values: &["3,5 кВт", "5,5 кВт", "8 кВт"],
        price_rub: (2500, 30000),
    },
    Family {
        leaf: "Магистральные фильтры",
        noun: "Фильтр магистральный",
        brands: &["Аквафор", "Гейзер", "Барьер"],
        variant_key: "size",
        variant_label: "Размер",
        variant_values: &["10\"", "20\""],
        price_rub: (700, 9000),
    },
    Family {
        leaf: "Системы обратного осмоса",
        noun: "Система обратного осмоса",
        brands: &["Аквафор", "Гейзер", "Атолл"],
        variant_key: "stages",
        variant_label: "Ступеней очистки",
        variant_values: &["5", "6"],
        price_rub: (7000, 35000),
    },
    Family {
        leaf: "Смесители для кухни",
        noun: "Смеситель для кухни",
        brands: &["Grohe", "Hansgrohe", "Lemark", "Iddis"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Хром", "Чёрный матовый", "Бронза"],
        price_rub: (2500, 38000),
    },
    Family {
        leaf: "Смесители для ванной",
        noun: "Смеситель для ванны",
        brands: &["Grohe", "Hansgrohe", "Lemark", "Vidima"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Хром", "Белый", "Чёрный матовый"],
        price_rub: (2800, 42000),
    },
    Family {
        leaf: "Унитазы",
        noun: "Унитаз подвесной",
        brands: &["Jika", "Cersanit", "Roca", "Vitra"],
        variant_key: "seat",
        variant_label: "Сиденье",
        variant_values: &["Микролифт", "Обычное"],
        price_rub: (6000, 48000),
    },
    Family {
        leaf: "Инсталляции",
        noun: "Инсталляция для унитаза",
        brands: &["Grohe", "Geberit", "Cersanit"],
        variant_key: "flushButton",
        variant_label: "Клавиша смыва",
        variant_values: &["Хром", "Белая"],
        price_rub: (9000, 39000),
    },
    Family {
        leaf: "Акриловые ванны",
        noun: "Ванна акриловая",
        brands: &["Triton", "Cersanit", "Roca"],
        variant_key: "length",
        variant_label: "Длина",
        variant_values: &["150 см", "160 см", "170 см"],
        price_rub: (9000, 60000),
    },
    Family {
        leaf: "Душевые кабины",
        noun: "Душевая кабина",
        brands: &["Niagara", "Timo", "River"],
        variant_key: "size",
        variant_label: "Размер",
        variant_values: &["90×90", "100×100"],
        price_rub: (18000, 95000),
    },
    Family {
        leaf: "Душевые системы",
        noun: "Душевая система",
        brands: &["Grohe", "Hansgrohe", "Lemark"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Хром", "Чёрный"],
        price_rub: (7000, 65000),
    },
    Family {
        leaf: "Дрели и шуруповёрты",
        noun: "Дрель-шуруповёрт аккумуляторная",
        brands: &["Bosch", "Makita", "DeWalt", "Интерскол"],
        variant_key: "batteryCapacity",
        variant_label: "Ёмкость аккумулятора",
        variant_values: &["2 А·ч", "4 А·ч"],
        price_rub: (3500, 28000),
    },
    Family {
        leaf: "Перфораторы",
        noun: "Перфоратор",
        brands: &["Bosch", "Makita", "Metabo", "Интерскол"],
        variant_key: "power",
        variant_label: "Мощность",
        variant_values: &["800 Вт", "1000 Вт"],
        price_rub: (5000, 45000),
    },
    Family {
        leaf: "Болгарки",
        noun: "Шлифмашина угловая",
        brands: &["Bosch", "Makita", "Зубр"],
        variant_key: "discDiameter",
        variant_label: "Диаметр диска",
        variant_values: &["125 мм", "230 мм"],
        price_rub: (2900, 21000),
    },
    Family {
        leaf: "Наборы инструментов",
        noun: "Набор инструментов",
        brands: &["Зубр", "Stanley", "Jonnesway"],
        variant_key: "pieceCount",
        variant_label: "Предметов в наборе",
        variant_values: &["82", "108", "150"],
        price_rub: (1900, 24000),
    },
    Family {
        leaf: "Ключи",
        noun: "Ключ трубный",
        brands: &["Зубр", "Ridgid", "Stanley"],
        variant_key: "size",
        variant_label: "Размер",
        variant_values: &["1\"", "1,5\"", "2\""],
        price_rub: (600, 7000),
    },
    Family {
        leaf: "Лазерные уровни",
        noun: "Уровень лазерный",
        brands: &["Bosch", "ADA", "Condtrol"],
        variant_key: "beamColor",
        variant_label: "Цвет луча",
        variant_values: &["Красный", "Зелёный"],
        price_rub: (3500, 40000),
    },
    Family {
        leaf: "Мультиметры",
        noun: "Мультиметр цифровой",
        brands: &["Fluke", "Mastech", "UNI-T"],
        variant_key: "measurementCategory",
        variant_label: "Категория измерений",
        variant_values: &["CAT III", "CAT IV"],
        price_rub: (900, 26000),
    },
    Family {
        leaf: "Силовой кабель",
        noun: "Кабель ВВГнг-LS",
        brands: &["Севкабель", "Кольчугино", "Конкорд"],
        variant_key: "crossSection",
        variant_label: "Сечение",
        variant_values: &["3×1,5", "3×2,5", "3×4"],
        price_rub: (1500, 16000),
    },
    Family {
        leaf: "Провод монтажный",
        noun: "Провод ПуГВ",
        brands: &["Севкабель", "Конкорд"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Белый", "Синий", "Жёлто-зелёный"],
        price_rub: (500, 6000),
    },
    Family {
        leaf: "Автоматические выключатели",
        noun: "Автоматический выключатель",
        brands: &["Schneider Electric", "ABB", "IEK", "EKF"],
        variant_key: "ratedCurrent",
        variant_label: "Номинальный ток",
        variant_values: &["16 А", "25 А", "32 А"],
        price_rub: (300, 4200),
    },
    Family {
        leaf: "Щиты распределительные",
        noun: "Щит распределительный",
        brands: &["Schneider Electric", "IEK", "Hager"],
        variant_key: "modules",
        variant_label: "Число модулей",
        variant_values: &["12", "24", "36"],
        price_rub: (1200, 14000),
    },
    Family {
        leaf: "Светильники",
        noun: "Светильник светодиодный",
        brands: &["Gauss", "Philips", "Эра"],
        variant_key: "colorTemperature",
        variant_label: "Цветовая температура",
        variant_values: &["3000 K", "4000 K", "6500 K"],
        price_rub: (400, 9000),
    },
    Family {
        leaf: "Лампы",
        noun: "Лампа светодиодная",
        brands: &["Gauss", "Philips", "Osram"],
        variant_key: "lampBase",
        variant_label: "Цоколь",
        variant_values: &["E27", "E14", "GU10"],
        price_rub: (120, 1500),
    },
    Family {
        leaf: "Канальные вентиляторы",
        noun: "Вентилятор канальный",
        brands: &["Soler & Palau", "Вентс", "Systemair"],
        variant_key: "diameter",
        variant_label: "Диаметр",
        variant_values: &["100 мм", "125 мм", "160 мм"],
        price_rub: (2500, 19000),
    },
    Family {
        leaf: "Вытяжные вентиляторы",
        noun: "Вентилятор вытяжной",
        brands: &["Вентс", "Electrolux", "Blauberg"],
        variant_key: "color",
        variant_label: "Цвет",
        variant_values: &["Белый", "Серый"],
        price_rub: (900, 8000),
    },
    Family {
        leaf: "Сплит-системы",
        noun: "Сплит-система",
        brands: &["Daikin", "Mitsubishi Electric", "Haier", "Ballu"],
        variant_key: "area",
        variant_label: "Площадь",
        variant_values: &["до 20 м²", "до 35 м²", "до 50 м²"],
        price_rub: (22000, 160000),
    },
    Family {
        leaf: "Мобильные кондиционеры",
        noun: "Кондиционер мобильный",
        brands: &["Ballu", "Electrolux", "Zanussi"],
        variant_key: "area",
        variant_label: "Площадь",
        variant_values: &["до 20 м²", "до 25 м²"],
        price_rub: (15000, 45000),
    },
    Family {
        leaf: "Фасонные части воздуховодов",
        noun: "Отвод воздуховода",
        brands: &["Вентс"],
        variant_key: "diameter",
        variant_label: "Диаметр",
        variant_values: &["100 мм"],
        price_rub: (100, 900),
    },
];

pub const TAGS: &[&str] = &["хит", "новинка", "скидка", "эко", "премиум", "для дачи"];

/// A node of the category tree.
#[derive(Clone, Debug)]
pub struct Category {
    pub idx: usize,
    pub name: String,
    /// Made from the name as generated: `--hostile` changes the name, never the slug.
    pub slug: String,
    pub description: String,
    pub parent: Option<usize>,
    pub level: u32,
    pub position: u32,
    pub children: Vec<usize>,
    /// For leaves: the product family.
    pub family: Option<usize>,
}

/// Prices changed by `POST /__control/price` (kopecks), by the product's address: the
/// catalogue is read-only, and tests run several stubs in one process, each with its own
/// catalogue; `POST /__control/reset` clears its own stub's.
pub static PRICES: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<usize, i64>>> =
    std::sync::LazyLock::new(Default::default);

/// A product, compact. Long fields are derived from `idx` on demand.
#[derive(Clone, Debug)]
pub struct Product {
    pub idx: usize,
    pub name: String,
    /// The name as generated, lower-case: what search matches, the name sort orders by and
    /// the slug is made from. `--hostile` changes the name only, so these stay clean.
    pub search: String,
    pub brand: &'static str,
    pub family: usize,
    pub category: usize,
    pub price: i64,
    pub compare_at: Option<i64>,
    pub stock: i64,
    pub tags: u8,
    pub dist: [u64; 5],
    pub commission: u8,
    pub points: u8,
    /// Seconds since 2025-01-01.
    pub created: i64,
    pub images: u8,
    pub variants: u8,
    /// `--hostile`: the texts made from this product carry payloads (see `hostile`).
    pub hostile: bool,
}

impl Product {
    pub fn rating_count(&self) -> u64 {
        self.dist.iter().sum()
    }

    /// Average rounded to one decimal, as the seed shows (4.7).
    pub fn rating_average(&self) -> f64 {
        let n = self.rating_count();
        if n == 0 {
            return 0.0;
        }
        let sum: u64 = self
            .dist
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u64 + 1) * c)
            .sum();
        (sum as f64 / n as f64 * 10.0).round() / 10.0
    }

    pub fn in_stock(&self) -> bool {
        self.stock > 0
    }

    pub fn has_tag(&self, tag: usize) -> bool {
        self.tags & (1 << tag) != 0
    }

    pub fn tag_names(&self) -> Vec<&'static str> {
        (0..TAGS.len())
            .filter(|t| self.has_tag(*t))
            .map(|t| TAGS[t])
            .collect()
    }

    pub fn variant_values(&self) -> &'static [&'static str] {
        &FAMILIES[self.family].variant_values[..self.variants as usize]
    }

    /// The variant attribute's key on the wire (`power`).
    pub fn variant_key(&self) -> &'static str {
        FAMILIES[self.family].variant_key
    }

    /// The variant attribute in Russian («Мощность»), for names and messages.
    pub fn variant_label(&self) -> &'static str {
        FAMILIES[self.family].variant_label
    }

    /// Price of variant `v`: a step up per variant.
    pub fn variant_price(&self, v: usize) -> i64 {
        self.price + (self.price / 10 / 100 * 100) * v as i64
    }

    /// This product of this catalogue, for [`PRICES`].
    pub fn key(&self) -> usize {
        self as *const Product as usize
    }

    /// The product's price as the API tells it now: `POST /__control/price` may have changed
    /// it since the catalogue was made (a price changed after the deploy's prerender).
    pub fn live_price(&self) -> i64 {
        PRICES
            .lock()
            .ok()
            .and_then(|m| m.get(&self.key()).copied())
            .unwrap_or(self.price)
    }

    pub fn variant_stock(&self, v: usize) -> i64 {
        if self.stock == 0 {
            0
        } else {
            (self.stock + v as i64 * 7) % 40
        }
    }

    pub fn noun(&self) -> &'static str {
        FAMILIES[self.family].noun
    }

    pub fn slug(&self) -> String {
        slug(&self.search)
    }
}

pub const EPOCH_2025: i64 = 1_735_689_600;

/// ISO 8601 UTC from unix seconds (no chrono needed for a stub).
pub fn iso(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

pub fn iso_date(unix: i64) -> String {
    iso(unix)[..10].to_string()
}

/// Howard Hinnant's days → civil date.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The whole generated catalogue plus sorted indexes.
pub struct Catalog {
    pub categories: Vec<Category>,
    pub roots: Vec<usize>,
    pub products: Vec<Product>,
    /// Product indexes sorted ascending by price, name, createdAt, popularity.
    pub by_price: Vec<u32>,
    pub by_name: Vec<u32>,
    pub by_created: Vec<u32>,
    pub by_popularity: Vec<u32>,
}

impl Catalog {
    pub fn generate(n_products: usize) -> Catalog {
        let mut categories = Vec::new();
        let mut roots = Vec::new();
        for (ri, (root_name, root_desc, children)) in ROOTS.iter().enumerate() {
            let root_idx = categories.len();
            categories.push(Category {
                idx: root_idx,
                name: root_name.to_string(),
                slug: slug(root_name),
                description: root_desc.to_string(),
                parent: None,
                level: 0,
                position: ri as u32 + 1,
                children: vec![],
                family: None,
            });
            roots.push(root_idx);
            for (ci, (child_name, leaves)) in children.iter().enumerate() {
                let child_idx = categories.len();
                categories.push(Category {
                    idx: child_idx,
                    name: child_name.to_string(),
                    slug: slug(child_name),
                    description: format!("{child_name} для дома и профессионалов"),
                    parent: Some(root_idx),
                    level: 1,
                    position: ci as u32 + 1,
                    children: vec![],
                    family: None,
                });
                categories[root_idx].children.push(child_idx);
                for (li, fam) in leaves.iter().enumerate() {
                    let leaf_idx = categories.len();
                    categories.push(Category {
                        idx: leaf_idx,
                        name: FAMILIES[*fam].leaf.to_string(),
                        slug: slug(FAMILIES[*fam].leaf),
                        description: format!("{} — большой выбор с доставкой", FAMILIES[*fam].leaf),
                        parent: Some(child_idx),
                        level: 2,
                        position: li as u32 + 1,
                        children: vec![],
                        family: Some(*fam),
                    });
                    categories[child_idx].children.push(leaf_idx);
                }
            }
        }
        let leaves: Vec<usize> = categories
            .iter()
            .filter(|c| c.family.is_some_and(|f| f != EMPTY_LEAF_FAMILY))
            .map(|c| c.idx)
            .collect();

        let mut products = Vec::with_capacity(n_products);
        for idx in 0..n_products {
            let mut r = Rng::new(idx as u64 * 7919 + 17);
            let category = leaves[idx % leaves.len()];
            let family = categories[category].family.unwrap_or(0);
            let fam = &FAMILIES[family];
            let brand = *r.pick(fam.brands);
            let model = format!(
                "{}{}-{}",
                (b'A' + r.below(26) as u8) as char,
                (b'A' + r.below(26) as u8) as char,
                100 + r.below(900)
            );
            let name = format!("{} {} {}", fam.noun, brand, model);
            let (lo, hi) = fam.price_rub;
            let mut price = (lo + r.below((hi - lo) as u64) as i64) * 100;
            // Some prices end in kopecks, as real ones do.
            if r.chance(25) {
                price += [50, 90, 99, 10][r.below(4) as usize];
            } else {
                price = price / 1000 * 1000 + 990 * (r.below(2) as i64);
            }
            let compare_at = r
                .chance(30)
                .then(|| (price + price * (5 + r.below(35) as i64) / 100) / 100 * 100);
            let stock = if r.chance(10) {
                0
            } else {
                1 + r.below(200) as i64
            };
            let mut tags = 0u8;
            for t in 0..TAGS.len() {
                if r.chance(18) {
                    tags |= 1 << t;
                }
            }
            if compare_at.is_some() {
                tags |= 1 << 2;
            }
            let count = if r.chance(12) { 0 } else { r.below(240) };
            let mut dist = [0u64; 5];
            let skew = r.below(3);
            for _ in 0..count {
                let roll = r.below(100);
                let star = match (skew, roll) {
                    (_, 0..=3) => 0,
                    (_, 4..=8) => 1,
                    (0, 9..=30) => 2,
                    (0, 31..=60) => 3,
                    (1, 9..=20) => 2,
                    (1, 21..=45) => 3,
                    (_, 9..=16) => 2,
                    (_, 17..=35) => 3,
                    _ => 4,
                };
                dist[star] += 1;
            }
            let variants = if r.chance(30) {
                (2 + r.below(3)).min(fam.variant_values.len() as u64) as u8
            } else {
                0
            };
            products.push(Product {
                idx,
                search: name.to_lowercase(),
                name,
                brand,
                family,
                category,
                price,
                compare_at,
                stock,
                tags,
                dist,
                commission: 3 + r.below(13) as u8,
                points: 1 + r.below(8) as u8,
                created: r.below(60 * 86_400 * 10) as i64,
                images: 1 + r.below(4) as u8,
                variants,
                hostile: false,
            });
        }
        let sorted = |key: &dyn Fn(&Product, &Product) -> std::cmp::Ordering| {
            let mut v: Vec<u32> = (0..products.len() as u32).collect();
            v.sort_by(|a, b| key(&products[*a as usize], &products[*b as usize]).then(a.cmp(b)));
            v
        };
        let by_price = sorted(&|a, b| a.price.cmp(&b.price));
        let by_name = sorted(&|a, b| a.search.cmp(&b.search));
        let by_created = sorted(&|a, b| a.created.cmp(&b.created));
        let by_popularity = sorted(&|a, b| a.rating_count().cmp(&b.rating_count()));
        Catalog {
            categories,
            roots,
            products,
            by_price,
            by_name,
            by_created,
            by_popularity,
        }
    }

    pub fn category_by_id(&self, id: &str) -> Option<usize> {
        let rest = id.strip_prefix("00000000-0000-4000-c000-")?;
        let n = u64::from_str_radix(rest, 16).ok()? as usize;
        (n >= 1 && n <= self.categories.len()).then(|| n - 1)
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        parse_product_id(id).and_then(|i| self.products.get(i))
    }

    /// `leaf → true` for the category and all its descendants.
    pub fn subtree(&self, idx: usize) -> Vec<bool> {
        let mut mask = vec![false; self.categories.len()];
        let mut stack = vec![idx];
        while let Some(c) = stack.pop() {
            mask[c] = true;
            stack.extend(self.categories[c].children.iter().copied());
        }
        mask
    }

    /// Root → … → category.
    pub fn breadcrumb(&self, idx: usize) -> Vec<usize> {
        let mut path = vec![idx];
        while let Some(p) = self.categories[*path.last().unwrap_or(&idx)].parent {
            path.push(p);
        }
        path.reverse();
        path
    }

    pub fn crumb(&self, idx: usize) -> Value {
        let c = &self.categories[idx];
        json!({"id": category_id(idx), "name": c.name, "slug": c.slug})
    }
}

/// A person who can sign in.
#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub partner_id: Option<String>,
}

impl User {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "phone": self.phone,
            "email": self.email, "partnerId": self.partner_id,
        })
    }
}

pub const MOUNTER_PARTNER_ID: &str = "119fa663-a27f-435c-86a3-b7003ea270bc";
pub const DEALER_PARTNER_ID: &str = "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e";
pub const DEMO_CODE: &str = "1234";

pub fn demo_users() -> Vec<User> {
    vec![
        User {
            id: uuid(0xb000, 1),
            name: "Анна Смирнова".into(),
            phone: "+79990000001".into(),
            email: Some("anna@example.ru".into()),
            partner_id: None,
        },
        User {
            id: uuid(0xb000, 2),
            name: "Иван Петров".into(),
            phone: "+79990000002".into(),
            email: Some("ivan@example.ru".into()),
            partner_id: Some(MOUNTER_PARTNER_ID.into()),
        },
        User {
            id: uuid(0xb000, 3),
            name: "Ольга Кузнецова".into(),
            phone: "+79990000003".into(),
            email: Some("olga@example.ru".into()),
            partner_id: Some(DEALER_PARTNER_ID.into()),
        },
    ]
}

/// Shipping methods (seed 003 ShippingMethod) with the `kind` of docs/integration.md §2:
/// `DELIVERY` (nothing more to choose), `SLOTS` (a delivery-API slot; the price is the
/// lowest slot's), `PICKUP` (a partner-API warehouse), `EXPRESS` (a courier-API quote).
pub fn shipping_methods() -> Value {
    json!([
        {"id": "ship-001", "name": "Почта России", "carrier": "Почта России", "description": "Доставка в ближайшее отделение", "estimatedDays": {"min": 5, "max": 10}, "price": 350, "currency": "RUB", "isFree": false, "freeThreshold": 5000, "kind": "DELIVERY"},
        {"id": "ship-002", "name": "СДЭК до двери", "carrier": "СДЭК", "description": "Курьер привезёт заказ домой", "estimatedDays": {"min": 2, "max": 4}, "price": 650, "currency": "RUB", "isFree": false, "freeThreshold": 10000, "kind": "DELIVERY"},
        {"id": "ship-003", "name": "Курьер магазина", "carrier": "Витрина", "description": "Доставка по городу в выбранный интервал", "estimatedDays": {"min": 1, "max": 7}, "price": 99, "currency": "RUB", "isFree": false, "freeThreshold": 15000, "kind": "SLOTS"},
        {"id": "ship-004", "name": "Самовывоз из магазина", "carrier": null, "description": "Заберите заказ в удобном магазине", "estimatedDays": {"min": 0, "max": 1}, "price": 0, "currency": "RUB", "isFree": true, "freeThreshold": null, "kind": "PICKUP"},
        {"id": "ship-005", "name": "Экспресс-курьер", "carrier": "Broniboy", "description": "Курьер заберёт заказ из магазина и привезёт за пару часов", "estimatedDays": {"min": 0, "max": 0}, "price": 450, "currency": "RUB", "isFree": false, "freeThreshold": null, "kind": "EXPRESS"}
    ])
}

/// The method `id` of [`shipping_methods`].
pub fn shipping_method(id: &str) -> Option<Value> {
    shipping_methods()
        .as_array()?
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
}

/// A method's kind; none or an unknown one is `DELIVERY` (docs/integration.md §2).
pub fn method_kind(method: &Value) -> &'static str {
    match method["kind"].as_str() {
        Some("SLOTS") => "SLOTS",
        Some("PICKUP") => "PICKUP",
        Some("EXPRESS") => "EXPRESS",
        _ => "DELIVERY",
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lng1: f64, lat2: f64, lng2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lng2 - lng1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// City centres the shop's own couriers (delivery slots) serve, and how far out.
pub const SLOT_CITIES: &[(f64, f64)] = &[(55.75, 37.61), (59.93, 30.31)];
pub const SLOT_RADIUS_KM: f64 = 60.0;

/// Whether a point gets interval delivery (delivery API slots).
pub fn in_slot_zone(lat: f64, lng: f64) -> bool {
    SLOT_CITIES
        .iter()
        .any(|(a, b)| distance_km(lat, lng, *a, *b) <= SLOT_RADIUS_KM)
}

/// Partner levels, exactly as seed 004 lists them.
pub fn partner_levels() -> Value {
    json!([
        {"id": "108fa663-a27f-435c-86a3-b7003ea270bc", "number": 1, "title": "Мелкий опт", "purchaseRange": {"min": 0, "max": 100000}},
        {"id": "208fa663-a27f-435c-86a3-b7003ea270bc", "number": 2, "title": "Опт", "purchaseRange": {"min": 100000, "max": 200000}},
        {"id": "308fa663-a27f-435c-86a3-b7003ea270bc", "number": 3, "title": "Крупный опт", "purchaseRange": {"min": 200000, "max": 400000}},
        {"id": "408fa663-a27f-435c-86a3-b7003ea270bc", "number": 4, "title": "VIP", "purchaseRange": {"min": 400000, "max": 600000}},
        {"id": "508fa663-a27f-435c-86a3-b7003ea270bc", "number": 5, "title": "VIP+", "purchaseRange": {"min": 600000, "max": null}},
        {"id": "608fa663-a27f-435c-86a3-b7003ea270bc", "number": 6, "title": "Дилер", "purchaseRange": null}
    ])
}

/// The two partner profiles of seed 004 (a MOUNTER with bonuses, a DEALER with managers).
pub fn partners() -> Vec<Value> {
    vec![
        json!({
            "id": MOUNTER_PARTNER_ID, "contragentId": "228f7c9f-1a48-11ee-ab6b-a4bf01751b0e",
            "type": "MOUNTER", "canBeDeleted": false, "phone": "79990000002",
            "level": {"current": {"id": "308fa663-a27f-435c-86a3-b7003ea270bc", "number": 3, "title": "Крупный опт", "purchaseRange": {"min": 200000, "max": 400000}},
                      "priceTypeId": "318fa663-a27f-435c-86a3-b7003ea270b1", "recalculationDate": "2026-12-31", "purchaseAmount": 250000},
            "bonusBalance": 10000, "support": null, "organizations": []
        }),
        json!({
            "id": DEALER_PARTNER_ID, "contragentId": "628f7c9f-1a48-11ee-ab6b-a4bf01751b0e",
            "type": "DEALER", "canBeDeleted": false, "phone": "79990000003",
            "level": {"current": {"id": "608fa663-a27f-435c-86a3-b7003ea270bc", "number": 6, "title": "Дилер", "purchaseRange": null},
                      "priceTypeId": "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e", "recalculationDate": null, "purchaseAmount": null},
            "bonusBalance": null,
            "support": {"regionalManager": {"phone": "79876543210", "name": "Дмитрий"},
                        "personalManager": {"phone": "79876543211", "name": "Александр"},
                        "officeManager": {"phone": "79876543212", "name": null}},
            "organizations": [{"id": "528f7c9f-1a48-11ee-ab6b-a4bf01751b0f", "type": "LEGAL", "name": "ООО «ТеплоМонтаж»", "inn": "7743013902", "kpp": "770201001", "legalAddress": "г. Москва, ул. Титова, д. 1", "actualAddress": null}]
        }),
    ]
}

/// Warehouses and shops (seed 004 Warehouse).
pub fn warehouses() -> Vec<Value> {
    let schedule = |begin: &str, end: &str, weekend: bool| -> Vec<Value> {
        (1..=7)
            .filter(|d| weekend || *d <= 6)
            .map(|d| json!({"dayOfWeek": d, "begin": begin, "end": end}))
            .collect()
    };
    let city = |id: u64, name: &str, lat: f64, lng: f64, kladr: &str| json!({"id": uuid(0xd100, id), "name": name, "location": {"lat": lat, "lng": lng}, "regionKladrCode": kladr, "isSanction": false});
    let msk = city(1, "Москва", 55.7558, 37.6173, "7700000000000");
    let spb = city(2, "Санкт-Петербург", 59.9386, 30.3141, "7800000000000");
    let kzn = city(3, "Казань", 55.7963, 49.1088, "1600000000000");
    let w = |n: u64,
             kind: &str,
             city: &Value,
             title: &str,
             address: &str,
             lat: f64,
             lng: f64,
             express: bool,
             pickup: bool,
             sched: Vec<Value>| {
        json!({
            "id": uuid(0xd000, n), "parentId": null, "type": kind, "city": city, "title": title, "level": 1,
            "address": address, "location": {"lat": lat, "lng": lng},
            "isExpressDeliveryAvailable": express, "isDeliveryAvailable": true, "isSelfPickupAvailable": pickup,
            "comment": if kind == "SHOP" { Value::from("Вход с торца здания") } else { Value::Null },
            "phone": "79876543210", "email": null, "schedule": sched
        })
    };
    vec![
        w(
            1,
            "STORAGE",
            &msk,
            "Склад Москва-Север",
            "ул. Складочная, 1",
            55.80,
            37.59,
            false,
            false,
            schedule("08:00", "20:00", true),
        ),
        w(
            2,
            "SHOP",
            &msk,
            "Магазин на Тверской",
            "ул. Тверская, 15",
            55.765,
            37.605,
            true,
            true,
            schedule("09:00", "21:00", true),
        ),
        w(
            3,
            "SHOP",
            &msk,
            "Магазин в Митино",
            "Пятницкое ш., 18",
            55.846,
            37.357,
            true,
            true,
            schedule("10:00", "22:00", true),
        ),
        w(
            4,
            "STORAGE",
            &spb,
            "Склад Санкт-Петербург",
            "Софийская ул., 14",
            59.87,
            30.42,
            false,
            false,
            schedule("08:00", "20:00", false),
        ),
        w(
            5,
            "SHOP",
            &spb,
            "Магазин на Лиговском",
            "Лиговский пр., 30",
            59.93,
            30.36,
            true,
            true,
            schedule("09:00", "21:00", true),
        ),
        w(
            6,
            "SHOP",
            &kzn,
            "Магазин в Казани",
            "ул. Баумана, 58",
            55.79,
            49.12,
            false,
            true,
            schedule("09:00", "20:00", false),
        ),
    ]
}

/// Delivery slots for the next 7 days (seed 000 `slots`).
pub fn delivery_slots(today_unix: i64) -> Vec<Value> {
    let day0 = today_unix - today_unix.rem_euclid(86_400);
    let mut out = Vec::new();
    for d in 1..=7 {
        for (from, to, price) in [(10, 12, 149), (12, 14, 149), (14, 18, 99), (18, 22, 199)] {
            let date = iso_date(day0 + d * 86_400);
            out.push(json!({
                "slot_id": format!("{date}T{from:02}:00/{to:02}:00"),
                "price": {"currency": "RUB", "amount": price},
                "eta_hours": d * 24 + from - 12,
            }));
        }
    }
    out
}

pub const ORDER_STATUSES: &[&str] = &[
    "PENDING_PAYMENT",
    "PAID",
    "PROCESSING",
    "SHIPPED",
    "DELIVERED",
    "CANCELLED",
    "REFUNDED",
];

/// A placed order, kept whole for the orders endpoints. Money in kopecks.
#[derive(Clone, Debug, Default)]
pub struct Order {
    pub id: String,
    pub number: String,
    pub user_id: String,
    pub status: &'static str,
    pub payment_status: &'static str,
    pub lines: Vec<(usize, Option<usize>, u32)>,
    pub shipping_method: String,
    pub payment_method: String,
    pub created: i64,
    pub history: Vec<(&'static str, i64, Option<String>)>,
    pub tracking: Vec<(&'static str, &'static str, &'static str, i64)>,
    /// The saved address it was sent to (`shippingAddressId`), if any.
    pub address_id: Option<String>,
    /// `shippingAddress` of the order detail (seed 003 shape), fixed at checkout.
    pub shipping_address: Option<Value>,
    /// `billingAddress` of the order detail, when one was given.
    pub billing_address: Option<Value>,
    pub coupons: Vec<(String, i64)>,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
    pub total: i64,
    /// Paid from the partner's bonus balance.
    pub balance_applied: i64,
    pub notes: Option<String>,
    pub delivery_slot_id: Option<String>,
    pub pickup_warehouse_id: Option<String>,
    pub courier_quote_id: Option<String>,
    pub courier_pickup_time: Option<String>,
    /// The delivery API's `payment_id` (`pay_…`) once a card payment has started.
    pub transaction_id: Option<String>,
    pub paid_at: Option<i64>,
    pub estimated_delivery: Option<String>,
    /// The delivery API's order (a slot delivery), docs/integration.md §10.
    pub delivery_order: Option<crate::journey::SystemOrder>,
    /// The express courier's order.
    pub courier_order: Option<crate::journey::SystemOrder>,
    /// A carrier's integration code and track number (seed 001), once shipped.
    pub carrier: Option<(&'static str, String)>,
    /// The refund request made, if any.
    pub refund: Option<Value>,
    pub delivered_at: Option<i64>,
}

impl Order {
    /// When it last changed: its latest status.
    pub fn updated(&self) -> i64 {
        self.history
            .iter()
            .map(|(_, t, _)| *t)
            .max()
            .unwrap_or(self.created)
    }

    pub fn item_count(&self) -> u64 {
        self.lines.iter().map(|(_, _, q)| *q as u64).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic() {
        let a = Catalog::generate(500);
        let b = Catalog::generate(500);
        for (x, y) in a.products.iter().zip(&b.products) {
            assert_eq!(
                (x.name.as_str(), x.price, x.stock),
                (y.name.as_str(), y.price, y.stock)
            );
        }
        assert_eq!(a.by_price, b.by_price);
    }

    #[test]
    fn the_shop_has_every_kind_of_product_the_pages_need() {
        let c = Catalog::generate(300);
        assert!(c.products.iter().any(|p| p.variants > 0));
        assert!(c.products.iter().any(|p| p.variants == 0));
        assert!(c.products.iter().any(|p| p.compare_at.is_some()));
        assert!(c.products.iter().any(|p| !p.in_stock()));
        assert!(c.products.iter().any(|p| p.rating_count() == 0));
        assert!(c.products.iter().any(|p| p.price % 100 != 0));
        let empty = c
            .categories
            .iter()
            .find(|c| c.family == Some(EMPTY_LEAF_FAMILY))
            .unwrap();
        assert!(c.products.iter().all(|p| p.category != empty.idx));
        assert_eq!(c.categories.iter().map(|c| c.level).max(), Some(2));
    }

    #[test]
    fn dates_and_slugs_look_right() {
        assert_eq!(iso(EPOCH_2025), "2025-01-01T00:00:00Z");
        assert_eq!(iso(1_705_329_600), "2024-01-15T14:40:00Z");
        assert_eq!(slug("Газовые котлы"), "gazovye-kotly");
        assert_eq!(parse_product_id(&product_id(41)), Some(41));
    }
}
