//! Product and category pictures as SVG, drawn by the stub: no external URLs anywhere; and
//! the routes of the stub's payment page (`payments`).

use crate::data::{parse_product_id, Rng};
use crate::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};

const PALETTE: &[(&str, &str)] = &[
    ("#e8efff", "#1f5eff"),
    ("#fff1e6", "#d9480f"),
    ("#e6fcf5", "#0c8599"),
    ("#f3f0ff", "#6741d9"),
    ("#fff9db", "#e67700"),
    ("#ebfbee", "#2b8a3e"),
    ("#fff0f6", "#c2255c"),
];

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A square card: soft background, a simple shape, and a label.
pub fn svg(seed: u64, label: &str, sub: &str, size: u32) -> String {
    let mut r = Rng::new(seed);
    let (bg, fg) = PALETTE[r.below(PALETTE.len() as u64) as usize];
    let shape = match r.below(3) {
        0 => format!(
            r#"<circle cx="200" cy="170" r="{}" fill="{fg}" opacity="0.85"/>"#,
            70 + r.below(30)
        ),
        1 => format!(
            r#"<rect x="{}" y="95" width="150" height="150" rx="24" fill="{fg}" opacity="0.85"/>"#,
            125
        ),
        _ => format!(r#"<path d="M200 80 L300 250 L100 250 Z" fill="{fg}" opacity="0.85"/>"#),
    };
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 400 400"><rect width="400" height="400" fill="{bg}"/>{shape}<text x="200" y="310" font-family="Arial, sans-serif" font-size="30" font-weight="700" fill="{fg}" text-anchor="middle">{}</text><text x="200" y="348" font-family="Arial, sans-serif" font-size="20" fill="{fg}" text-anchor="middle" opacity="0.8">{}</text></svg>"#,
        escape(label),
        escape(sub)
    )
}

fn svg_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

async fn product_image(
    State(s): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(p) = parse_product_id(&id).and_then(|i| s.catalog.products.get(i)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let stem = file.trim_end_matches(".svg");
    let (n, thumb) = match stem.strip_suffix("-thumb") {
        Some(n) => (n, true),
        None => (stem, false),
    };
    let n: u64 = n.parse().unwrap_or(1);
    svg_response(svg(
        p.idx as u64 * 31 + n,
        p.brand,
        p.noun().split(' ').next().unwrap_or(""),
        if thumb { 400 } else { 1200 },
    ))
}

async fn category_image(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    let id = file.trim_end_matches(".svg");
    let Some(idx) = s.catalog.category_by_id(id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    svg_response(svg(
        idx as u64 * 101,
        &s.catalog.categories[idx].name,
        "",
        400,
    ))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/media/products/{id}/{file}", get(product_image))
        .route("/media/categories/{file}", get(category_image))
        .route("/media/certificates/{file}", get(certificate))
        .route(
            crate::hostile::SVG_PATH,
            get(|| async { svg_response(crate::hostile::SVG.into()) }),
        )
        // The payment page (docs/integration.md §8), so payment URLs stay on this machine.
        .route("/pay/{id}", get(crate::payments::pay_page))
        .route("/pay/{id}/confirm", post(crate::payments::confirm))
        .route("/pay/{id}/decline", post(crate::payments::decline))
}

/// A one-page PDF standing in for a certificate scan.
async fn certificate(Path(file): Path<String>) -> Response {
    if !file.ends_with(".pdf") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let text = "(Certificate ".to_string() + &file.replace(['(', ')', '\\'], "") + ")";
    let stream = format!("BT /F1 18 Tf 60 760 Td {text} Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf += &format!("{} 0 obj\n{o}\nendobj\n", i + 1);
    }
    let xref = pdf.len();
    pdf += &format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        pdf += &format!("{off:010} 00000 n \n");
    }
    pdf += &format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    (
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        pdf,
    )
        .into_response()
}
