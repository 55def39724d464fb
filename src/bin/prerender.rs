//! Spike (issue 23): `prerender <config.json> <product.json> <id>` prints the product page
//! drawn natively. `product.json` is the commerce API's answer to `GET /products/<id>`.

use vitrina::api::commerce::catalog::ProductDetailDto;
use vitrina::config::Config;
use vitrina::domain::catalog::ProductDetail;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, config, product, id] = &args[..] else {
        eprintln!("usage: prerender <config.json> <product.json> <id>");
        std::process::exit(2);
    };
    let config = Config::parse(&std::fs::read_to_string(config).expect("config.json"))
        .expect("a valid config.json");
    let answer: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(product).expect("product.json"))
            .expect("JSON");
    let dto: ProductDetailDto =
        serde_json::from_value(answer["data"].clone()).expect("a product in `data`");
    let detail = ProductDetail::try_from(dto).expect("a valid product");
    let t = std::time::Instant::now();
    let page = vitrina::prerender::product_page(config, &format!("/product/{id}"), detail);
    eprintln!("rendered in {:?}", t.elapsed());
    println!("<!-- head -->\n{}\n<!-- body -->\n{}", page.head, page.body);
}
