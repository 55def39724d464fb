//! The new-address form: seed 001's structured fields plus the recipient, checked before
//! anything is sent, each error beside its field.

use crate::domain::phone::to_e164;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
pub struct GeoPoint {
    pub lat: f64,
    pub lng: f64,
}

/// A saved address: seed 001's structured fields, the recipient and what the geocoder knows.
/// Sent (`POST /addresses`) with only the fields that have a value: seed 001 shows no empty
/// or null field, and the id is the shop's to give.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub recipient_name: String,
    pub recipient_phone: String,
    #[serde(default = "ru")]
    pub country: String,
    pub index: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub city: String,
    pub street: String,
    pub building: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metro: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing)]
    pub kladr_code: Option<String>,
    #[serde(default, skip_serializing)]
    pub location: Option<GeoPoint>,
}

fn ru() -> String {
    "RU".into()
}

impl Address {
    /// «Москва, ул. Тверская, д. 7, корп. 1, кв. 12».
    pub fn one_line(&self) -> String {
        let mut parts = vec![
            self.city.clone(),
            self.street.clone(),
            format!("д. {}", self.building),
        ];
        let opt = |label: &str, v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| format!("{label} {s}"))
        };
        parts.extend(opt("корп.", &self.housing));
        parts.extend(opt("стр.", &self.house));
        parts.extend(opt("кв.", &self.flat));
        parts.join(", ")
    }
}

/// What the shopper typed, as typed (kept in the draft across reloads).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct AddressForm {
    pub recipient_name: String,
    pub recipient_phone: String,
    pub index: String,
    pub region: String,
    pub city: String,
    pub street: String,
    pub building: String,
    pub housing: String,
    pub flat: String,
    pub block: String,
    pub floor: String,
    pub metro: String,
    pub notes: String,
}

/// A field of the form: its id in the page and its label.
pub const FIELDS: &[(&str, &str)] = &[
    ("recipient_name", "Получатель"),
    ("recipient_phone", "Телефон получателя"),
    ("index", "Индекс"),
    ("region", "Регион"),
    ("city", "Город"),
    ("street", "Улица"),
    ("building", "Дом"),
    ("housing", "Корпус"),
    ("flat", "Квартира или офис"),
    ("block", "Подъезд"),
    ("floor", "Этаж"),
    ("metro", "Метро"),
    ("notes", "Комментарий курьеру"),
];

/// The backend's field name for a form field (`recipient_name` → `recipientName`).
pub fn api_field(field: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in field.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The form field of a backend field name.
pub fn form_field(api: &str) -> Option<&'static str> {
    FIELDS.iter().map(|(f, _)| *f).find(|f| api_field(f) == api)
}

impl AddressForm {
    pub fn get(&self, field: &str) -> &str {
        match field {
            "recipient_name" => &self.recipient_name,
            "recipient_phone" => &self.recipient_phone,
            "index" => &self.index,
            "region" => &self.region,
            "city" => &self.city,
            "street" => &self.street,
            "building" => &self.building,
            "housing" => &self.housing,
            "flat" => &self.flat,
            "block" => &self.block,
            "floor" => &self.floor,
            "metro" => &self.metro,
            "notes" => &self.notes,
            _ => "",
        }
    }

    pub fn set(&mut self, field: &str, value: String) {
        let slot = match field {
            "recipient_name" => &mut self.recipient_name,
            "recipient_phone" => &mut self.recipient_phone,
            "index" => &mut self.index,
            "region" => &mut self.region,
            "city" => &mut self.city,
            "street" => &mut self.street,
            "building" => &mut self.building,
            "housing" => &mut self.housing,
            "flat" => &mut self.flat,
            "block" => &mut self.block,
            "floor" => &mut self.floor,
            "metro" => &mut self.metro,
            "notes" => &mut self.notes,
            _ => return,
        };
        *slot = value;
    }

    /// Every problem, by field, in the form's order; empty when it can be sent.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let required = [
            ("recipient_name", "Укажите, кто получит заказ"),
            ("city", "Укажите город"),
            ("street", "Укажите улицу"),
            ("building", "Укажите номер дома"),
        ];
        for (field, msg) in required.iter().take(1) {
            if self.get(field).trim().is_empty() {
                out.push((*field, msg.to_string()));
            }
        }
        if to_e164(&self.recipient_phone).is_none() {
            out.push(("recipient_phone", "Телефон: +7 и ещё 10 цифр".to_string()));
        }
        let index = self.index.trim();
        if index.len() != 6 || !index.bytes().all(|b| b.is_ascii_digit()) {
            out.push(("index", "Индекс — 6 цифр".to_string()));
        }
        for (field, msg) in required.iter().skip(1) {
            if self.get(field).trim().is_empty() {
                out.push((*field, msg.to_string()));
            }
        }
        let long = FIELDS
            .iter()
            .map(|(f, _)| *f)
            .find(|f| self.get(f).chars().count() > if *f == "notes" { 500 } else { 120 });
        if let Some(f) = long {
            out.push((f, "Слишком длинно".to_string()));
        }
        out
    }

    /// The request body (call after `problems()` is empty).
    pub fn to_dto(&self) -> Address {
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        Address {
            recipient_name: self.recipient_name.trim().to_string(),
            recipient_phone: to_e164(&self.recipient_phone).unwrap_or_default(),
            country: "RU".into(),
            index: self.index.trim().to_string(),
            region: opt(&self.region),
            city: self.city.trim().to_string(),
            street: self.street.trim().to_string(),
            building: self.building.trim().to_string(),
            housing: opt(&self.housing),
            flat: opt(&self.flat),
            block: opt(&self.block),
            floor: opt(&self.floor),
            metro: opt(&self.metro),
            notes: opt(&self.notes),
            ..Address::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> AddressForm {
        AddressForm {
            recipient_name: "Анна Смирнова".into(),
            recipient_phone: "+7 999 000-00-01".into(),
            index: "125009".into(),
            city: "Москва".into(),
            street: "ул. Тверская".into(),
            building: "7".into(),
            flat: " 12 ".into(),
            ..AddressForm::default()
        }
    }

    #[test]
    fn a_complete_address_has_no_problems_and_becomes_the_request() {
        let f = filled();
        assert!(f.problems().is_empty());
        let dto = f.to_dto();
        assert_eq!(dto.recipient_phone, "+79990000001");
        assert_eq!(dto.flat.as_deref(), Some("12"));
        assert_eq!(dto.housing, None);
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(json["recipientName"], "Анна Смирнова");
        assert_eq!(json["index"], "125009");
        assert!(
            json.get("kladrCode").is_none(),
            "the geocoder's fields are not sent"
        );
    }

    #[test]
    fn a_new_address_is_sent_without_empty_or_null_fields() {
        let json = serde_json::to_value(filled().to_dto()).unwrap();
        let mut sent: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        sent.sort_unstable();
        assert_eq!(
            sent,
            [
                "building",
                "city",
                "country",
                "flat",
                "index",
                "recipientName",
                "recipientPhone",
                "street"
            ]
        );
        assert!(json
            .as_object()
            .unwrap()
            .values()
            .all(|v| v.as_str().is_some_and(|s| !s.is_empty())));
    }

    #[test]
    fn each_problem_is_named_beside_its_field_in_form_order() {
        let f = AddressForm {
            index: "12345".into(),
            recipient_phone: "8999".into(),
            ..AddressForm::default()
        };
        let fields: Vec<_> = f.problems().iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "recipient_name",
                "recipient_phone",
                "index",
                "city",
                "street",
                "building"
            ]
        );
        let mut g = filled();
        g.index = "12a456".into();
        assert_eq!(g.problems(), vec![("index", "Индекс — 6 цифр".to_string())]);
        g.index = "125009".into();
        g.notes = "х".repeat(501);
        assert_eq!(g.problems()[0].0, "notes");
    }

    #[test]
    fn backend_field_names_map_to_form_fields() {
        assert_eq!(api_field("recipient_phone"), "recipientPhone");
        assert_eq!(form_field("recipientPhone"), Some("recipient_phone"));
        assert_eq!(form_field("index"), Some("index"));
        assert_eq!(form_field("nope"), None);
    }
}
