//! Parsed account fields: a value of these types has passed its rules.

use crate::error::FieldIssue;
use shared::FieldCode;

/// A syntactically valid email address, trimmed and lower-cased (the account key: unique
/// case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str, pointer: &str) -> Result<Email, FieldIssue> {
        let s = raw.trim().to_lowercase();
        if s.chars().count() > 254 {
            return Err(FieldIssue::new(pointer, FieldCode::EmailTooLong));
        }
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && local.len() <= 64
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && !s
                        .chars()
                        .any(|c| c.is_whitespace() || crate::texts::refused(c, false))
                    && domain
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            }
            None => false,
        };
        if valid {
            Ok(Email(s))
        } else {
            Err(FieldIssue::new(pointer, FieldCode::EmailInvalid))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy: 8 to 128 characters, not among the most common ones.
/// No composition rules (NIST SP 800-63B).
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(**)")
    }
}

const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

impl Password {
    pub fn parse(raw: &str, pointer: &str) -> Result<Password, FieldIssue> {
        let len = raw.chars().count();
        if len < 8 {
            return Err(FieldIssue::new(pointer, FieldCode::PasswordTooShort));
        }
        if len > 128 {
            return Err(FieldIssue::new(pointer, FieldCode::PasswordTooLong));
        }
        let lower = raw.to_lowercase();
        if COMMON_PASSWORDS.lines().any(|p| p.trim() == lower) {
            return Err(FieldIssue::new(pointer, FieldCode::PasswordTooCommon));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A person's name as she writes it: 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str, pointer: &str) -> Result<PersonName, FieldIssue> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldIssue::new(pointer, FieldCode::NameRequired));
        }
        if s.chars().count() > 100 {
            return Err(FieldIssue::new(pointer, FieldCode::NameTooLong));
        }
        if crate::texts::has_refused_inline(s) || s.chars().any(|c| matches!(c, '<' | '>')) {
            return Err(FieldIssue::new(pointer, FieldCode::NameInvalid));
        }
        Ok(PersonName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Giulia.Rossi@Example.ORG ", "/email")
                .map(|e| e.as_str().to_owned())
                .ok(),
            Some("giulia.rossi@example.org".to_owned())
        );
        for bad in [
            "", "a", "a@b", "@b.it", "a@.it", "a@b.", "a b@c.it", "a@b@c.it", "a@b..it",
        ] {
            assert!(Email::parse(bad, "/email").is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(
            Email::parse(&long, "/email").err().map(|i| i.code),
            Some(FieldCode::EmailTooLong)
        );
    }

    #[test]
    fn passwords() {
        assert!(Password::parse("corto", "/p").is_err());
        assert!(Password::parse(&"x".repeat(129), "/p").is_err());
        assert_eq!(
            Password::parse("Password1", "/p").err().map(|i| i.code),
            Some(FieldCode::PasswordTooCommon)
        );
        assert!(Password::parse("una frase lunga e mia", "/p").is_ok());
        // Length counts characters, not bytes.
        assert!(Password::parse("àèìòùàèì", "/p").is_ok());
    }

    #[test]
    fn names() {
        assert!(PersonName::parse("   ", "/name").is_err());
        assert!(PersonName::parse("<script>", "/name").is_err());
        assert_eq!(
            PersonName::parse("  Anna Maria D'Angelo ", "/name")
                .map(|n| n.as_str().to_owned())
                .ok(),
            Some("Anna Maria D'Angelo".to_owned())
        );
    }
}
