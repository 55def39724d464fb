//! Partner API (seed 004): lists as `{data,limit,offset,total}`, errors as `{code,message}`.
//! This module: its request helper and the catalog's partner extras (selections, also-buy,
//! certificates, stocks, warehouses); `cabinet`: the partner's own cabinet; `payouts`: how a
//! withdrawal's send ended.

pub mod cabinet;
pub mod payouts;

use super::{
    decode_bare, unreadable_error, ApiError, Backend, BackendError, Endpoint, ErrorCode, Method,
    RawResponse,
};
use crate::domain::codes::{SelectionKind, WarehouseKind};
use serde::{de::DeserializeOwned, Deserialize};

/// An offset-paginated list.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct List<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub limit: Option<u64>,
    #[serde(default)]
    pub offset: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

pub(crate) fn backend_error(raw: &RawResponse) -> BackendError {
    match crate::domain::json::from_str::<ErrorBody>(&raw.body) {
        Ok(b) if !b.code.is_empty() || !b.message.is_empty() => BackendError {
            status: raw.status,
            code: ErrorCode::parse(&b.code),
            message: b.message,
            details: Vec::new(),
            request_id: None,
        },
        _ => unreadable_error(raw),
    }
}

/// Turns a partner response into its data or a typed error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
    decode_bare(raw, now, backend_error)
}

/// Seed 004's shape: bare JSON, the partner's token as Bearer.
pub struct Partner;

impl Backend for Partner {
    type Answer<T> = T;
    const BEARER: bool = true;
    fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
        decode(raw, now)
    }
}

// ---------- catalogue extras ----------

/// `{limit, offset}` of every list request.
#[derive(serde::Serialize)]
struct Paging {
    limit: u32,
    offset: u32,
}

/// The body of a list request: its first `limit` (the prerender sends it too).
pub fn paging(limit: u32) -> Option<String> {
    serde_json::to_string(&Paging { limit, offset: 0 }).ok()
}

/// Seed 004 `ProductSelection`: `NEW`, `HIT` or `PROFIT`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Selection {
    pub id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: SelectionKind,
}

/// Seed 004 `Product`: the 1C side of a product; `id` is the storefront's product id.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Product1c {
    pub id: String,
    pub title: String,
}

/// The seed's related/also-buy examples show `data` as one object, its schema as an array:
/// both are read as a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductList(pub Vec<Product1c>);

/// A visitor for either shape rather than `#[serde(untagged)]`, which buffers the value and
/// compiles serde's whole `Content` machinery into the wasm.
impl<'de> Deserialize<'de> for ProductList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = ProductList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a product or a list of products")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ProductList, A::Error> {
                let mut all = Vec::new();
                while let Some(p) = seq.next_element::<Product1c>()? {
                    all.push(p);
                }
                Ok(ProductList(all))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ProductList, A::Error> {
                let one =
                    Product1c::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ProductList(vec![one]))
            }
        }
        d.deserialize_any(OneOrMany)
    }
}

/// `{data, limit, offset, total}` whose `data` is a product list.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ProductsPage {
    pub data: ProductList,
    #[serde(default)]
    pub total: Option<u64>,
}

/// Seed 004 `Certificate`: a document to download.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub id: String,
    pub title: String,
    pub path: String,
    pub mime_type: String,
}

/// Seed 004 `ProductWarehouse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WarehouseStock {
    pub warehouse_id: String,
    pub quantity: rust_decimal::Decimal,
}

/// A product's stock per warehouse. The schema names the list `stock`, the example `stocks`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProductStock {
    pub product_id: String,
    #[serde(alias = "stocks", default)]
    pub stock: Vec<WarehouseStock>,
}

/// Seed 004 `City` (only what the storefront shows).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct City {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub location: Option<Location>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub struct Location {
    pub lat: f64,
    pub lng: f64,
}

/// Seed 004 `Warehouse`: a storage or a shop.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Warehouse {
    pub id: String,
    #[serde(rename = "type", default)]
    pub kind: WarehouseKind,
    pub title: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub city: Option<City>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub is_self_pickup_available: bool,
    #[serde(default)]
    pub is_express_delivery_available: bool,
    #[serde(default)]
    pub is_delivery_available: bool,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub schedule: Vec<crate::domain::checkout::schedule::OpenHours>,
}

impl Warehouse {
    pub fn is_shop(&self) -> bool {
        self.kind == WarehouseKind::Shop
    }
}

fn product_path(id: &str, tail: &str) -> String {
    format!("/products/{}/{tail}", super::encode_component(id))
}

/// Where the front page's selections are listed, and how many it asks for.
pub const SELECTIONS_PATH: &str = "/product-selections";
pub const SELECTIONS_LIMIT: u32 = 20;

/// `POST /product-selections`.
pub async fn selections(ep: &Endpoint) -> Result<Vec<Selection>, ApiError> {
    let l: List<Selection> = Partner::request(
        ep,
        Method::Post,
        SELECTIONS_PATH,
        paging(SELECTIONS_LIMIT),
        None,
    )
    .await?;
    Ok(l.data)
}

/// A selection's products: `POST` here with [`paging`].
pub fn selection_products_path(id: &str) -> String {
    format!("{SELECTIONS_PATH}/{}/products", super::encode_component(id))
}

/// `POST /product-selections/{id}/products`, the first `limit`.
pub async fn selection_products(
    ep: &Endpoint,
    id: &str,
    limit: u32,
) -> Result<Vec<Product1c>, ApiError> {
    let path = selection_products_path(id);
    let p: ProductsPage = Partner::request(ep, Method::Post, &path, paging(limit), None).await?;
    Ok(p.data.0)
}

/// `POST /products/{id}/also-buy`.
pub async fn also_buy(ep: &Endpoint, id: &str, limit: u32) -> Result<Vec<Product1c>, ApiError> {
    let p: ProductsPage = Partner::request(
        ep,
        Method::Post,
        &product_path(id, "also-buy"),
        paging(limit),
        None,
    )
    .await?;
    Ok(p.data.0)
}

/// `POST /products/{id}/certificates`.
pub async fn certificates(ep: &Endpoint, id: &str) -> Result<Vec<Certificate>, ApiError> {
    let l: List<Certificate> = Partner::request(
        ep,
        Method::Post,
        &product_path(id, "certificates"),
        paging(50),
        None,
    )
    .await?;
    Ok(l.data)
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct StockRequest<'a> {
    product_ids: &'a [&'a str],
    limit: u32,
    offset: u32,
}

/// `POST /products/warehouses` for the given products.
pub async fn stocks(ep: &Endpoint, ids: &[&str]) -> Result<Vec<ProductStock>, ApiError> {
    let body = serde_json::to_string(&StockRequest {
        product_ids: ids,
        limit: 100,
        offset: 0,
    })
    .ok();
    let l: List<ProductStock> =
        Partner::request(ep, Method::Post, "/products/warehouses", body, None).await?;
    Ok(l.data)
}

/// `POST /warehouses`: every place the site shows.
pub async fn warehouses(ep: &Endpoint) -> Result<Vec<Warehouse>, ApiError> {
    let l: List<Warehouse> =
        Partner::request(ep, Method::Post, "/warehouses", paging(100), None).await?;
    Ok(l.data)
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct AddressCheck<'a> {
    kladr_code: &'a str,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AddressCheckDto {
    pub delivery_enabled: bool,
}

/// `POST /delivery/address/check`: whether the shop delivers to this KLADR code.
pub async fn address_check(ep: &Endpoint, kladr_code: &str) -> Result<bool, ApiError> {
    let body = serde_json::to_string(&AddressCheck { kladr_code }).ok();
    let r: AddressCheckDto =
        Partner::request(ep, Method::Post, "/delivery/address/check", body, None).await?;
    Ok(r.delivery_enabled)
}
