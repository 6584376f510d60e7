//! duban's web face: server-rendered pages (askama), the JSON API under `/api/v1` with its
//! OpenAPI document, and the embedded static assets. No SQL and no permission decisions
//! here: every action goes through `duban_app` with the [`Actor`](duban_app::Actor) taken
//! from the session cookie.

#![forbid(unsafe_code)]

mod api;
mod assets;
mod error;
mod extract;
mod pages;
mod respond;
mod session;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method};
use duban_app::App;
use std::net::SocketAddr;
use std::time::Duration;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_http::csrf::CsrfLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use session::COOKIE;

/// Content-Security-Policy: scripts and styles only from this origin (no inline code).
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; \
                   base-uri 'self'; form-action 'self'";

/// The whole application: pages, `/api/v1`, `/api/openapi.json`, `/api/docs`, `/static`.
pub fn router(app: App) -> Router {
    // Logins are rate-limited per client address (burst 10, then one every 6 s) — the
    // forwarded one from a trusted proxy, see extract::client_addr; the app adds a
    // per-account lockout on top, since address limits do not stop distributed guessing.
    let governor = GovernorConfigBuilder::default()
        .key_extractor(extract::ClientKey(std::sync::Arc::new(
            app.settings.clone(),
        )))
        .per_second(6)
        .burst_size(10)
        .methods(vec![Method::POST])
        .finish()
        .expect("valid rate limit");
    let limiter = governor.limiter().clone();
    // Forget idle clients now and then; only possible inside a runtime.
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    let login = Router::new()
        .merge(pages::login_routes())
        .merge(api::login_routes())
        .layer(GovernorLayer::new(governor).error_handler(error::rate_limited));

    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(login)
        .merge(api::docs(&app))
        .nest("/static", assets::routes())
        .fallback(pages::not_found)
        .with_state(app)
        // Forms and JSON are small; the upload routes raise this for themselves.
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(axum::middleware::from_fn(extract::unread_scope))
        .layer(CsrfLayer::new().with_rejection_response(error::csrf_rejected))
        // The CsrfLayer lets a request that names no origin at all pass; we do not.
        .layer(axum::middleware::from_fn(require_origin))
        // Pages and JSON hold people's data: no browser or proxy cache keeps them (static
        // assets and downloads set their own Cache-Control).
        .layer(header("cache-control", "no-store"))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("referrer-policy", "same-origin"))
        .layer(header("content-security-policy", CSP))
        .layer(TraceLayer::new_for_http())
}

/// Refuses a state-changing request that carries neither `Origin` nor `Sec-Fetch-Site`:
/// every browser we support sends one of them on a POST, and the API has no other way of
/// being authenticated than the session cookie, so such a request is no legitimate caller's.
async fn require_origin(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let safe = matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    let h = req.headers();
    if safe || h.contains_key("origin") || h.contains_key("sec-fetch-site") {
        next.run(req).await
    } else {
        error::csrf_missing_origin()
    }
}

fn header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

/// Serves the application on `listener` until Ctrl-C or SIGTERM, then finishes the
/// requests in flight.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("收到停止信号，正在关闭");
}
