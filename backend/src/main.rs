//! `sinergia [serve|migrate|seed|openapi|programme-editor grant|revoke <email>]`: serve is the
//! default.

use backend::config::Settings;
use backend::{Application, db, seed, telemetry};

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let command = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "serve".to_owned());
    if command == "openapi" {
        print!("{}", backend::openapi::spec_json());
        return Ok(());
    }
    telemetry::init();
    let settings = Settings::load()?;
    match command.as_str() {
        "serve" => {
            let public_url = settings.server.public_url.clone();
            let demo = settings.seed_demo || settings.demo_content;
            let content = settings.demo_content;
            let app = Application::build(settings).await?;
            println!("Sinergia is listening on port {}", app.port());
            println!("Open {public_url}");
            if demo {
                println!("Demo accounts (password: {}):", seed::DEMO_PASSWORD);
                let extra = if content { seed::CONTENT_USERS } else { &[] };
                for (email, _, role, _) in seed::DEMO_USERS.iter().chain(extra) {
                    println!("  {:<40} {}", email, role.as_str());
                }
            }
            app.run_until_stopped().await?;
        }
        "migrate" => {
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            println!("database is up to date");
        }
        "seed" => {
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            let added = seed::demo(&conn).await?;
            println!("{added} demo accounts added");
        }
        "programme-editor" => {
            let mut args = std::env::args().skip(2);
            let (verb, email) = (args.next(), args.next());
            let on = match verb.as_deref() {
                Some("grant") => true,
                Some("revoke") => false,
                _ => anyhow::bail!("usage: sinergia programme-editor grant|revoke <email>"),
            };
            let email = email.ok_or_else(|| {
                anyhow::anyhow!("usage: sinergia programme-editor grant|revoke <email>")
            })?;
            let conn = db::connect(&settings.database).await?;
            db::migrate(&conn).await?;
            let user = backend::admin::service::set_programme_editor(&conn, &email, on).await?;
            // The running instances read her account again: at once through the broker, else
            // within `auth.session_cache_seconds`.
            if let Some(url) = settings
                .community
                .broker_url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
            {
                backend::realtime::broker::tell(
                    &settings.community,
                    url,
                    backend::realtime::Ended::Changed { user },
                )
                .await?;
            }
            println!(
                "{email} {} one of the programme's editors",
                if on { "is now" } else { "is no longer" }
            );
        }
        other => anyhow::bail!(
            "unknown command `{other}`: use serve, migrate, seed, openapi or programme-editor"
        ),
    }
    Ok(())
}
