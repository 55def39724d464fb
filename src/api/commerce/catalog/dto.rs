//! The catalog's wire shapes (seed 003), decoded at the edge and mapped once into domain types.
//! Only the fields the app reads: serde skips the rest, and every field costs decoding code
//! in the wasm (the seed examples still decode in tests/api_decoding.rs).

use crate::domain::codes::{ProductStatus, ReviewStatus};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryRefDto {
    pub name: String,
    #[serde(default)]
    pub breadcrumb: Vec<CrumbDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CrumbDto {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageDto {
    pub url: String,
    pub thumbnail_url: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub is_primary: bool,
}

/// Rating distribution keyed "1".."5".
pub type DistributionDto = BTreeMap<String, u64>;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RatingDto {
    pub average: Decimal,
    pub count: u64,
    #[serde(default)]
    pub distribution: Option<DistributionDto>,
}

/// `Product` of `GET /products`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProductDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub short_description: Option<String>,
    pub price: Decimal,
    #[serde(default)]
    pub compare_at_price: Option<Decimal>,
    pub currency: String,
    #[serde(default)]
    pub sku: String,
    pub status: ProductStatus,
    #[serde(default)]
    pub stock_quantity: Option<i64>,
    #[serde(default)]
    pub category: Option<CategoryRefDto>,
    #[serde(default)]
    pub images: Vec<ImageDto>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub rating: RatingDto,
    #[serde(default)]
    pub commission_percentage: Decimal,
    #[serde(default)]
    pub career_points_percentage: Decimal,
    // The fields only `GET /products/:id` sends (absent from lists).
    #[serde(default)]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub dimensions: Option<DimensionsDto>,
    #[serde(default)]
    pub variants: Vec<VariantDto>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub related_products: Vec<RelatedDto>,
}

/// `GET /products/:id`: a list `Product` with the detail fields filled in. One type, so
/// one decoder: reading the list and the detail fields twice from a `serde_json::Value`
/// (as before) compiled every nested type's decoding a second time, for `Value`
/// (`#[serde(flatten)]` would lose serde_json's exact numbers).
pub type ProductDetailDto = ProductDto;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ProductsDto {
    pub products: Vec<ProductDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DimensionsDto {
    pub length: Option<Decimal>,
    pub width: Option<Decimal>,
    pub height: Option<Decimal>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VariantDto {
    pub id: String,
    pub name: String,
    pub sku: String,
    pub price: Decimal,
    #[serde(default)]
    pub stock_quantity: Option<i64>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RelatedDto {
    pub id: String,
    pub name: String,
    pub price: Decimal,
    #[serde(default, deserialize_with = "crate::api::web_url")]
    pub thumbnail_url: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewAuthorDto {
    pub name: String,
    #[serde(default)]
    pub is_verified_purchaser: bool,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewImageDto {
    pub url: String,
    pub thumbnail_url: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShopResponseDto {
    pub content: String,
    pub responded_at: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDto {
    pub id: String,
    pub author: ReviewAuthorDto,
    pub rating: u8,
    #[serde(default)]
    pub title: Option<String>,
    pub content: String,
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    #[serde(default)]
    pub helpful_count: u64,
    #[serde(default)]
    pub images: Vec<ReviewImageDto>,
    #[serde(default)]
    pub response: Option<ShopResponseDto>,
    pub created_at: String,
    /// Present on the author's own reviews: `PENDING` until moderated.
    #[serde(default)]
    pub status: Option<ReviewStatus>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ReviewsDto {
    pub reviews: Vec<ReviewDto>,
    pub summary: RatingDto,
}

/// `Category` of `GET /categories`, with its subtree.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryDto {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "crate::api::web_url")]
    pub image_url: Option<String>,
    #[serde(default)]
    pub position: i64,
    #[serde(default)]
    pub product_count: Option<u64>,
    #[serde(default)]
    pub children: Vec<CategoryDto>,
    #[serde(default = "yes")]
    pub is_active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CategoriesDto {
    pub categories: Vec<CategoryDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ChildCategoryDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub product_count: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PriceRangeDto {
    pub min: Decimal,
    pub max: Decimal,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct TagCountDto {
    pub name: String,
    pub count: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryFiltersDto {
    pub price_range: PriceRangeDto,
    #[serde(default)]
    pub tags: Vec<TagCountDto>,
}

/// `GET /categories/:id`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryDetailDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub breadcrumb: Vec<CrumbDto>,
    #[serde(default)]
    pub children: Vec<ChildCategoryDto>,
    pub filters: CategoryFiltersDto,
}

/// `CreateReviewResponse` (201).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CreatedReviewDto {
    pub id: String,
    pub rating: u8,
    #[serde(default)]
    pub title: Option<String>,
    pub content: String,
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    pub status: ReviewStatus,
    pub created_at: String,
}
