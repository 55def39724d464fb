//! Shopper sign-in by phone and one-time code (our contract, documented in the README).

use super::{Backend, Commerce, Endpoint, Envelope};
use crate::api::{ApiError, IdempotencyKey, Method};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct OtpRequest<'a> {
    phone: &'a str,
}

#[derive(Serialize)]
struct OtpVerify<'a> {
    phone: &'a str,
    code: &'a str,
}

/// How long the sent code stays valid.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OtpSent {
    pub expires_in: u64,
}

/// The signed-in shopper; `partner_id` is set for partners.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub partner_id: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SignedIn {
    pub access_token: String,
    pub expires_in: u64,
    pub user: User,
}

/// Asks the backend to send a code to `phone` (`+79991234567`).
pub async fn request_code(ep: &Endpoint, phone: &str) -> Result<OtpSent, ApiError> {
    let body = serde_json::to_string(&OtpRequest { phone }).unwrap_or_default();
    let key = IdempotencyKey::new();
    let r: Envelope<OtpSent> = Commerce::request(
        ep,
        Method::Post,
        "/auth/otp/request",
        Some(body),
        Some(&key),
    )
    .await?;
    Ok(r.data)
}

/// Exchanges the code for a token; a wrong code is `Validation` with `INVALID_CODE`.
pub async fn verify(ep: &Endpoint, phone: &str, code: &str) -> Result<SignedIn, ApiError> {
    let body = serde_json::to_string(&OtpVerify { phone, code }).unwrap_or_default();
    let key = IdempotencyKey::new();
    let r: Envelope<SignedIn> =
        Commerce::request(ep, Method::Post, "/auth/otp/verify", Some(body), Some(&key)).await?;
    Ok(r.data)
}
