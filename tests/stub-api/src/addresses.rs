//! Saved addresses in the commerce API (docs/integration.md §1): `GET /addresses`,
//! `POST /addresses`. Seed 001's structured fields plus the recipient; the answer adds what
//! the shop's geocoder knows (`kladrCode`, `regionKladrCode`, `location`).
//!
//! The geocoder is deterministic, by city: Москва, Санкт-Петербург and Казань have their
//! own codes and centres; a postal index `689…` is Chukotka (which nothing delivers to);
//! any other city lands in Московская область.

use crate::commerce::{json_body, unauthorized};
use crate::envelope::{fail, ok};
use crate::{AppState, Mutable};
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::get,
    Router,
};
use serde_json::{json, Map, Value};

pub fn routes() -> Router<AppState> {
    Router::new().route("/addresses", get(list).post(create))
}

/// What the geocoder says about a place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geo {
    pub kladr: &'static str,
    pub region: &'static str,
    pub lat: f64,
    pub lng: f64,
}

/// KLADR codes starting with this are Chukotka: the partner API refuses delivery there.
pub const CHUKOTKA_KLADR: &str = "87";

/// Postal indexes of Chukotka.
pub fn is_chukotka_index(index: &str) -> bool {
    index.starts_with("689")
}

fn normalize_city(city: &str) -> String {
    let c = city.trim().to_lowercase().replace('ё', "е");
    let c = c
        .strip_prefix("г.")
        .or_else(|| c.strip_prefix("г "))
        .unwrap_or(&c);
    c.trim().to_string()
}

/// Deterministic geocoding by city (and the Chukotka postal range).
pub fn geocode(city: &str, index: &str) -> Geo {
    if is_chukotka_index(index) {
        return Geo {
            kladr: "8700000000000",
            region: "Чукотский автономный округ",
            lat: 64.73,
            lng: 177.5,
        };
    }
    match normalize_city(city).as_str() {
        "москва" => Geo {
            kladr: "7700000000000",
            region: "Москва",
            lat: 55.75,
            lng: 37.61,
        },
        "санкт-петербург" | "петербург" | "спб" => Geo {
            kladr: "7800000000000",
            region: "Санкт-Петербург",
            lat: 59.93,
            lng: 30.31,
        },
        "казань" => Geo {
            kladr: "1600000000000",
            region: "Республика Татарстан",
            lat: 55.79,
            lng: 49.12,
        },
        _ => Geo {
            kladr: "5000000000000",
            region: "Московская область",
            lat: 55.9,
            lng: 37.8,
        },
    }
}

/// `ad0e8400-0000-4000-a000-<n:012x>`.
pub fn address_id(n: u64) -> String {
    format!("ad0e8400-0000-4000-a000-{n:012x}")
}

/// The address fields a request may carry besides the required ones.
const OPTIONAL: &[&str] = &[
    "region", "housing", "house", "flat", "block", "floor", "metro", "notes",
];

/// Builds a saved address from checked fields, geocoded.
fn build(m: &mut Mutable, f: &Map<String, Value>) -> Value {
    m.address_seq += 1;
    let text = |k: &str| f.get(k).and_then(Value::as_str).map(str::to_string);
    let city = text("city").unwrap_or_default();
    let index = text("index").unwrap_or_default();
    let geo = geocode(&city, &index);
    let mut a = json!({
        "id": address_id(m.address_seq),
        "recipientName": text("recipientName"),
        "recipientPhone": text("recipientPhone"),
        "country": text("country").unwrap_or_else(|| "RU".into()),
        "index": index,
        "region": text("region").unwrap_or_else(|| geo.region.into()),
        "city": city,
        "street": text("street"),
        "building": text("building"),
        "kladrCode": geo.kladr,
        "regionKladrCode": geo.kladr,
        "location": {"lat": geo.lat, "lng": geo.lng},
    });
    for k in OPTIONAL.iter().filter(|k| **k != "region") {
        a[*k] = json!(text(k));
    }
    a
}

/// Anna's saved home address (the demo shopper starts with it): the example of
/// docs/integration.md §1, geocoded to the house rather than the city centre.
pub fn demo_address(m: &mut Mutable) -> Value {
    let f = json!({
        "recipientName": "Анна Смирнова", "recipientPhone": "+79990000001",
        "country": "RU", "index": "125009", "region": "Москва", "city": "Москва",
        "street": "ул. Тверская", "building": "7", "flat": "12", "block": "2",
        "floor": "5", "metro": "Охотный ряд", "notes": "Домофон 12",
    });
    let mut a = build(m, f.as_object().unwrap_or(&Map::new()));
    a["location"] = json!({"lat": 55.757, "lng": 37.613});
    a
}

/// The user's saved address `id`.
pub fn find(m: &Mutable, user_id: &str, id: &str) -> Option<Value> {
    m.addresses
        .get(user_id)?
        .iter()
        .find(|a| a["id"] == id)
        .cloned()
}

/// Any user's saved address `id` (the delivery API's `address_id`).
pub fn find_any(m: &Mutable, id: &str) -> Option<Value> {
    m.addresses
        .values()
        .flatten()
        .find(|a| a["id"] == id)
        .cloned()
}

/// `(lat, lng)` of a saved address.
pub fn location(a: &Value) -> Option<(f64, f64)> {
    Some((
        a["location"]["lat"].as_f64()?,
        a["location"]["lng"].as_f64()?,
    ))
}

/// «ул. Тверская, д. 7, корп. 1, стр. 2, кв. 12».
pub fn street_line(a: &Value) -> String {
    let mut s = a["street"].as_str().unwrap_or("").to_string();
    for (k, label) in [
        ("building", "д."),
        ("housing", "корп."),
        ("house", "стр."),
        ("flat", "кв."),
    ] {
        if let Some(v) = a[k].as_str().filter(|v| !v.is_empty()) {
            s += &format!(", {label} {v}");
        }
    }
    s
}

/// `shippingAddress` of the order detail (seed 003).
pub fn order_shipping_address(a: &Value) -> Value {
    json!({
        "recipientName": a["recipientName"],
        "street": street_line(a),
        "city": a["city"],
        "region": a["region"],
        "country": a["country"],
        "postalCode": a["index"],
        "phone": a["recipientPhone"],
    })
}

/// `billingAddress` of the order detail (seed 003).
pub fn order_billing_address(a: &Value) -> Value {
    json!({
        "street": street_line(a),
        "city": a["city"],
        "region": a["region"],
        "country": a["country"],
        "postalCode": a["index"],
    })
}

async fn list(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let m = s.lock();
    let list = m.addresses.get(&user.id).cloned().unwrap_or_default();
    ok(StatusCode::OK, json!({"addresses": list}), None)
}

use crate::commerce::valid_phone;

/// Checks the request; answers the normalized fields or the errors per field.
fn check(body: &Map<String, Value>) -> Result<Map<String, Value>, Map<String, Value>> {
    let mut errors = Map::new();
    let mut out = Map::new();
    let mut err = |k: &str, msg: &str| {
        errors.insert(k.to_string(), json!([msg]));
    };
    // Strings; a number is accepted where people write one (floor 5, block 3 in seed 001).
    let text = |k: &str| -> Result<Option<String>, ()> {
        match body.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(v)) => {
                let v = v.trim();
                Ok((!v.is_empty()).then(|| v.to_string()))
            }
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(()),
        }
    };
    let required: &[(&str, &str)] = &[
        ("recipientName", "Укажите имя получателя"),
        ("recipientPhone", "Укажите телефон получателя"),
        ("index", "Укажите почтовый индекс"),
        ("city", "Укажите город"),
        ("street", "Укажите улицу"),
        ("building", "Укажите номер дома"),
    ];
    for (k, missing) in required {
        match text(k) {
            Ok(Some(v)) if v.chars().count() > 200 => err(k, "Не длиннее 200 символов"),
            Ok(Some(v)) => {
                out.insert(k.to_string(), json!(v));
            }
            Ok(None) => err(k, missing),
            Err(()) => err(k, "Должно быть строкой"),
        }
    }
    if let Some(i) = out.get("index").and_then(Value::as_str) {
        if !crate::shipping::valid_postal(i) {
            err("index", "Индекс — 6 цифр");
        }
    }
    if let Some(p) = out.get("recipientPhone").and_then(Value::as_str) {
        let compact: String = p
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        if valid_phone(&compact) {
            out.insert("recipientPhone".into(), json!(compact));
        } else {
            err("recipientPhone", "Телефон в формате +7 и 10 цифр");
        }
    }
    match text("country") {
        Ok(None) => {}
        Ok(Some(c)) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
            out.insert("country".into(), json!(c));
        }
        _ => err("country", "Код страны — две заглавные латинские буквы (RU)"),
    }
    for k in OPTIONAL {
        match text(k) {
            Ok(Some(v)) if v.chars().count() > 200 => err(k, "Не длиннее 200 символов"),
            Ok(Some(v)) => {
                out.insert(k.to_string(), json!(v));
            }
            Ok(None) => {}
            Err(()) => err(k, "Должно быть строкой"),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

async fn create(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let b = match json_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let fields = match check(&b) {
        Ok(f) => f,
        Err(errors) => {
            return fail(
                400,
                "VALIDATION_ERROR",
                "Проверьте адрес",
                Value::Object(errors),
            )
        }
    };
    let mut m = s.lock();
    let a = build(&mut m, &fields);
    m.addresses.entry(user.id).or_default().push(a.clone());
    ok(StatusCode::CREATED, a, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_geocoder_knows_three_cities_chukotka_and_the_rest() {
        assert_eq!(geocode("Москва", "125009").kladr, "7700000000000");
        assert_eq!(geocode("г. Москва", "125009").lat, 55.75);
        assert_eq!(geocode("Санкт-Петербург", "191040").lng, 30.31);
        assert_eq!(geocode("Казань", "420111").kladr, "1600000000000");
        assert_eq!(geocode("Анадырь", "689000").kladr, "8700000000000");
        assert_eq!(geocode("Москва", "689000").lat, 64.73);
        assert_eq!(geocode("Химки", "141400").kladr, "5000000000000");
    }

    #[test]
    fn street_line_joins_the_parts_that_are_there() {
        let a = json!({"street": "ул. Тверская", "building": "7", "housing": null, "house": "", "flat": "12"});
        assert_eq!(street_line(&a), "ул. Тверская, д. 7, кв. 12");
    }
}
