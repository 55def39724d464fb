//! `stub-api --host 127.0.0.1 --port 8081 [--products N] [--rate-window-secs S]
//!  [--public-base URL] [--allow-origin ORIGIN]… [--token-ttl-secs S] [--otp-cooldown-secs S]
//!  [--hostile]`

use stub_api::{serve, Options};

fn main() {
    let mut opts = Options::default();
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8081;
    let mut public_base = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next().unwrap_or_else(|| {
                eprintln!("stub-api: {flag} needs a value");
                std::process::exit(2)
            })
        };
        let num = |v: String| -> u64 {
            v.parse().unwrap_or_else(|_| {
                eprintln!("stub-api: not a number: {v}");
                std::process::exit(2)
            })
        };
        match flag.as_str() {
            "--host" => host = value(),
            "--port" => port = num(value()) as u16,
            "--products" => opts.products = num(value()) as usize,
            "--rate-window-secs" => opts.rate_window_secs = num(value()),
            "--public-base" => public_base = Some(value()),
            "--allow-origin" => opts.allow_origins.push(value()),
            "--token-ttl-secs" => opts.token_ttl_secs = num(value()),
            "--otp-cooldown-secs" => opts.otp_cooldown_secs = num(value()),
            "--hostile" => opts.hostile = true,
            other => {
                eprintln!("stub-api: unknown flag {other}");
                std::process::exit(2)
            }
        }
    }
    opts.public_base = public_base.unwrap_or_else(|| format!("http://{host}:{port}"));
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind((host.as_str(), port))
            .await
            .unwrap_or_else(|e| {
                eprintln!("stub-api: cannot listen on {host}:{port}: {e}");
                std::process::exit(1)
            });
        println!(
            "stub-api listening on http://{host}:{port} ({} products{})",
            opts.products,
            if opts.hostile { ", hostile data" } else { "" }
        );
        if let Err(e) = serve(listener, opts).await {
            eprintln!("stub-api: {e}");
        }
    });
}
