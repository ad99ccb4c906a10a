//! The API's user-facing texts in Italian (default) and English, by language-neutral code.

use shared::Language;

pub struct ProblemText {
    pub title: &'static str,
    pub detail: &'static str,
}

/// (code, Italian title, Italian detail, English title, English detail)
const PROBLEMS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "validation",
        "Dati non validi",
        "Alcuni campi non sono validi: vedi `errors`.",
        "Invalid input",
        "Some fields are not valid: see `errors`.",
    ),
    (
        "invalid_body",
        "Corpo della richiesta non valido",
        "Il JSON non ha la forma attesa.",
        "Invalid request body",
        "The JSON does not have the expected shape.",
    ),
    (
        "malformed_json",
        "JSON non leggibile",
        "Il corpo della richiesta non è JSON valido.",
        "Malformed JSON",
        "The request body is not valid JSON.",
    ),
    (
        "bad_request",
        "Richiesta non valida",
        "La richiesta non è stata capita.",
        "Bad request",
        "The request could not be understood.",
    ),
    (
        "body_not_expected",
        "Corpo non previsto",
        "Questa operazione non prende un corpo: invia la richiesta senza.",
        "No body expected",
        "This operation takes no body: send the request without one.",
    ),
    (
        "invalid_query",
        "Parametri non validi",
        "I parametri dell'indirizzo non sono validi.",
        "Invalid query parameters",
        "The query parameters are not valid.",
    ),
    (
        "invalid_path",
        "Indirizzo non valido",
        "Una parte dell'indirizzo non è valida.",
        "Invalid path",
        "A part of the path is not valid.",
    ),
    (
        "invalid_page_token",
        "Pagina non valida",
        "Il `page_token` non è valido: ripartire dalla prima pagina.",
        "Invalid page",
        "The `page_token` is not valid: start again from the first page.",
    ),
    (
        "unsupported_media_type",
        "Formato non supportato",
        "Inviare il corpo come `application/json`.",
        "Unsupported media type",
        "Send the body as `application/json`.",
    ),
    (
        "payload_too_large",
        "Richiesta troppo grande",
        "Il corpo supera il limite consentito ({limit} byte).",
        "Payload too large",
        "The body exceeds the allowed size ({limit} bytes).",
    ),
    (
        "unauthorized",
        "Accesso richiesto",
        "Effettuare l'accesso per continuare.",
        "Sign-in required",
        "Sign in to continue.",
    ),
    (
        "missing_token",
        "Accesso richiesto",
        "Manca il token di accesso (`Authorization: Bearer ...`).",
        "Sign-in required",
        "The access token is missing (`Authorization: Bearer ...`).",
    ),
    (
        "invalid_token",
        "Sessione non valida",
        "Il token di accesso non è valido o è scaduto.",
        "Invalid session",
        "The access token is invalid or has expired.",
    ),
    (
        "invalid_credentials",
        "Credenziali errate",
        "Email o password non corrette.",
        "Wrong credentials",
        "Email or password is not correct.",
    ),
    (
        "invalid_refresh_token",
        "Sessione scaduta",
        "La sessione è scaduta o è stata chiusa: accedere di nuovo.",
        "Session expired",
        "The session has expired or was ended: sign in again.",
    ),
    (
        "account_disabled",
        "Account disattivato",
        "Questo account è stato disattivato. Rivolgersi alla propria agenzia.",
        "Account disabled",
        "This account has been disabled. Contact your agency.",
    ),
    (
        "invalid_set_password_token",
        "Link non valido",
        "Il link per impostare la password non è valido, è scaduto o è già stato usato.",
        "Invalid link",
        "The set-password link is invalid, has expired or was already used.",
    ),
    (
        "forbidden",
        "Operazione non consentita",
        "Il proprio ruolo non consente questa operazione.",
        "Not allowed",
        "Your role does not allow this operation.",
    ),
    (
        "cannot_disable_self",
        "Operazione non consentita",
        "Non è possibile disattivare il proprio account.",
        "Not allowed",
        "You cannot disable your own account.",
    ),
    (
        "not_found",
        "Non trovato",
        "La risorsa richiesta non esiste.",
        "Not found",
        "The requested resource does not exist.",
    ),
    (
        "method_not_allowed",
        "Metodo non consentito",
        "Questo indirizzo non accetta questo metodo: vedi l'intestazione `Allow`.",
        "Method not allowed",
        "This path does not accept this method: see the `Allow` header.",
    ),
    (
        "email_taken",
        "Email già registrata",
        "Esiste già un account con questa email.",
        "Email already registered",
        "An account with this email already exists.",
    ),
    (
        "framework_changed",
        "Quadro delle competenze cambiato",
        "Un'altra versione del quadro è stata pubblicata mentre la modificavi: ricarica e riapplica le modifiche.",
        "Framework changed",
        "Another version of the framework was published while you were editing: reload and apply your changes again.",
    ),
    (
        "framework_unchanged",
        "Nessuna modifica",
        "Il quadro proposto è uguale alla versione attuale: non c'è nulla da pubblicare.",
        "No change",
        "The proposed framework is the same as the current version: there is nothing to publish.",
    ),
    (
        "not_a_member",
        "Non fai parte della stanza",
        "Entra nella stanza per scrivere o segnare i messaggi come letti.",
        "Not a member of the room",
        "Join the room to write or to mark messages as read.",
    ),
    (
        "message_deleted",
        "Messaggio eliminato",
        "Il messaggio è stato eliminato: non si può più modificare né commentare.",
        "Message deleted",
        "The message was deleted: it can no longer be edited or reacted to.",
    ),
    (
        "muted",
        "Non puoi scrivere per ora",
        "Un moderatore ti ha silenziata in questa stanza: nella stanza trovi fino a quando e perché.",
        "You cannot write for now",
        "A moderator muted you in this room: the room shows until when and why.",
    ),
    (
        "banned",
        "Esclusa dalla stanza",
        "Questa persona è stata esclusa dalla stanza da una moderatrice.",
        "Banned from the room",
        "This person was banned from the room by a moderator.",
    ),
    (
        "not_held",
        "Messaggio non trattenuto",
        "Questo messaggio non è in attesa di revisione.",
        "Message not held",
        "This message is not waiting for review.",
    ),
    (
        "report_handled",
        "Segnalazione già chiusa",
        "Questa segnalazione è già stata gestita.",
        "Report already closed",
        "This report has already been handled.",
    ),
    (
        "direct_messages_off",
        "Non riceve messaggi diretti",
        "Questa persona non accetta messaggi diretti da altre partecipanti. Potete scrivervi nelle stanze che frequentate.",
        "Not accepting direct messages",
        "This person does not accept direct messages from other participants. You can write to each other in the rooms you share.",
    ),
    (
        "direct_messages_off_mine",
        "Messaggi diretti disattivati",
        "Per scrivere direttamente a un'altra partecipante, attiva prima i messaggi diretti nelle tue impostazioni della comunità.",
        "Direct messages turned off",
        "To write directly to another participant, first turn on direct messages in your community settings.",
    ),
    (
        "direct_peer_gone",
        "Persona non più presente",
        "Questa persona non fa più parte del programma: la conversazione si può solo leggere.",
        "Person no longer here",
        "This person is no longer in the programme: the conversation can only be read.",
    ),
    (
        "room_archived",
        "Stanza archiviata",
        "La stanza è archiviata: si può leggere ma non scrivere né entrare.",
        "Room archived",
        "The room is archived: it can be read, but no one can write in it or join it.",
    ),
    (
        "retake_too_soon",
        "Troppo presto per rifarlo",
        "Questo questionario si può rifare solo dopo il periodo stabilito dall'agenzia dall'ultimo invio.",
        "Too soon to take it again",
        "This questionnaire can be taken again only after the period set by the agency since the last submission.",
    ),
    (
        "attempt_submitted",
        "Questionario già inviato",
        "Un questionario inviato non si può più modificare.",
        "Questionnaire already submitted",
        "A submitted questionnaire can no longer be changed.",
    ),
    (
        "already_validated",
        "Già convalidato",
        "Questo questionario è già stato convalidato.",
        "Already validated",
        "This questionnaire has already been validated.",
    ),
    (
        "instrument_not_draft",
        "Versione non modificabile",
        "Solo una bozza si può modificare o pubblicare: una versione pubblicata non cambia più.",
        "Version cannot be changed",
        "Only a draft can be edited or published: a published version never changes.",
    ),
    (
        "instrument_not_published",
        "Versione non pubblicata",
        "Si può ritirare solo una versione pubblicata.",
        "Version not published",
        "Only a published version can be retired.",
    ),
    (
        "version_taken",
        "Versione già creata",
        "Un'altra persona ha appena creato questa versione: riprovare.",
        "Version already created",
        "Someone has just created this version: try again.",
    ),
    (
        "not_validated",
        "Non ancora convalidato",
        "Il portfolio è disponibile dopo la convalida della tua operatrice.",
        "Not validated yet",
        "The portfolio is available once your counsellor has validated it.",
    ),
    (
        "nothing_answered",
        "Nessuna risposta",
        "Rispondi ad almeno una domanda prima di inviare.",
        "No answers",
        "Answer at least one question before submitting.",
    ),
    (
        "precondition_failed",
        "Modificato altrove",
        "Questa sezione è stata salvata da un altro dispositivo dopo che l'hai aperta: ricaricala e riapplica le modifiche.",
        "Changed elsewhere",
        "This section was saved from another device after you opened it: reload it and apply your changes again.",
    ),
    (
        "precondition_required",
        "Versione mancante",
        "Per modificare questa risorsa occorre l'intestazione `If-Match` con il suo `ETag`.",
        "Version missing",
        "Changing this resource needs an `If-Match` header with its `ETag`.",
    ),
    (
        "too_many_requests",
        "Troppi tentativi",
        "Riprovare tra {seconds} secondi.",
        "Too many attempts",
        "Try again in {seconds} seconds.",
    ),
    (
        "unavailable",
        "Servizio non disponibile",
        "Un servizio necessario non risponde. Riprovare più tardi.",
        "Service unavailable",
        "A required service is not answering. Try again later.",
    ),
    (
        "internal",
        "Errore interno",
        "Si è verificato un errore imprevisto. Riprovare più tardi.",
        "Internal error",
        "An unexpected error occurred. Try again later.",
    ),
];

/// (code, Italian, English)
const FIELDS: &[(&str, &str, &str)] = &[
    ("required", "Campo obbligatorio.", "This field is required."),
    (
        "invalid_value",
        "Valore non valido per questo campo.",
        "Invalid value for this field.",
    ),
    (
        "email_invalid",
        "Indirizzo email non valido.",
        "This is not a valid email address.",
    ),
    (
        "email_too_long",
        "L'indirizzo email è troppo lungo (massimo 254 caratteri).",
        "The email address is too long (at most 254 characters).",
    ),
    (
        "password_too_short",
        "La password deve avere almeno 8 caratteri.",
        "The password must have at least 8 characters.",
    ),
    (
        "password_too_long",
        "La password può avere al massimo 128 caratteri.",
        "The password can have at most 128 characters.",
    ),
    (
        "password_too_common",
        "Questa password è troppo comune: sceglierne un'altra.",
        "This password is too common: choose another one.",
    ),
    (
        "password_same_as_current",
        "La nuova password deve essere diversa da quella attuale.",
        "The new password must differ from the current one.",
    ),
    (
        "current_password_wrong",
        "La password attuale non è corretta.",
        "The current password is not correct.",
    ),
    ("name_required", "Indicare il nome.", "Enter the name."),
    (
        "name_too_long",
        "Il nome è troppo lungo (massimo 100 caratteri).",
        "The name is too long (at most 100 characters).",
    ),
    (
        "name_invalid",
        "Il nome contiene caratteri non ammessi.",
        "The name contains characters that are not allowed.",
    ),
    ("agency_unknown", "Agenzia sconosciuta.", "Unknown agency."),
    (
        "privacy_notice_not_accepted",
        "Per registrarsi occorre accettare l'informativa sulla privacy.",
        "To register you must accept the privacy notice.",
    ),
    (
        "privacy_notice_outdated",
        "L'informativa sulla privacy è cambiata: rileggerla e accettarla di nuovo.",
        "The privacy notice has changed: read and accept it again.",
    ),
    (
        "role_not_staff",
        "Scegliere un ruolo del personale: operatore, community manager o amministratore.",
        "Choose a staff role: counsellor, community manager or admin.",
    ),
    (
        "text_too_long",
        "Il testo è troppo lungo.",
        "The text is too long.",
    ),
    (
        "text_invalid",
        "Il testo contiene caratteri non ammessi.",
        "The text contains characters that are not allowed.",
    ),
    (
        "too_many_items",
        "Troppi elementi (massimo 20).",
        "Too many items (at most 20).",
    ),
    (
        "duplicate_value",
        "Questo valore è già presente.",
        "This value is already there.",
    ),
    (
        "language_unknown",
        "Lingua non presente nell'elenco.",
        "This language is not in the list.",
    ),
    (
        "municipality_unknown",
        "Comune non presente nell'elenco dei territori delle agenzie.",
        "This municipality is not in the agencies' territories.",
    ),
    (
        "phone_invalid",
        "Numero di telefono non valido (da 6 a 15 cifre, con + iniziale facoltativo).",
        "This is not a valid phone number (6 to 15 digits, optional leading +).",
    ),
    (
        "phone_required",
        "Indicare un numero di telefono per essere contattata per telefono, SMS o WhatsApp.",
        "Give a phone number to be contacted by phone, SMS or WhatsApp.",
    ),
    (
        "year_out_of_range",
        "Anno fuori dall'intervallo ammesso.",
        "The year is outside the allowed range.",
    ),
    (
        "number_out_of_range",
        "Numero fuori dall'intervallo ammesso.",
        "The number is outside the allowed range.",
    ),
    (
        "month_invalid",
        "Indicare mese e anno nel formato AAAA-MM.",
        "Give month and year as YYYY-MM.",
    ),
    (
        "month_in_future",
        "Il mese non può essere nel futuro.",
        "The month cannot be in the future.",
    ),
    (
        "end_before_start",
        "La fine viene prima dell'inizio.",
        "The end comes before the start.",
    ),
    (
        "nobody_with_others",
        "\"Nessuno\" non può essere scelto insieme ad altre risposte.",
        "\"Nobody\" cannot be chosen together with other answers.",
    ),
    (
        "hour_out_of_range",
        "Le ore della griglia vanno dalle 7 alle 22.",
        "The grid's hours run from 7:00 to 22:00.",
    ),
    (
        "date_out_of_range",
        "La data deve essere entro un anno prima e due anni dopo oggi.",
        "The date must be within one year before and two years after today.",
    ),
    (
        "note_required",
        "Scrivere il testo della nota (massimo 5000 caratteri).",
        "Write the note (at most 5000 characters).",
    ),
    (
        "search_too_long",
        "La ricerca è troppo lunga (massimo 100 caratteri).",
        "The search is too long (at most 100 characters).",
    ),
    (
        "rating_out_of_range",
        "Scegliere un valore da 1 (mai) a 5 (sempre).",
        "Choose a value from 1 (never) to 5 (always).",
    ),
    (
        "rating_required",
        "Rispondere almeno per casa o per il lavoro.",
        "Answer for home or for work, at least.",
    ),
    (
        "option_unknown",
        "Questa opzione non esiste per la domanda.",
        "This option does not exist for the question.",
    ),
    (
        "answer_kind_mismatch",
        "Il tipo di risposta non corrisponde alla domanda.",
        "The kind of answer does not match the question.",
    ),
    (
        "story_unknown",
        "Questo racconto non fa parte delle risposte (o è ripetuto).",
        "This story is not among the answers (or is repeated).",
    ),
    (
        "story_rating_out_of_range",
        "Il giudizio va da 0 a 4.",
        "The rating goes from 0 to 4.",
    ),
    (
        "stories_unrated",
        "Dare un giudizio a ogni racconto.",
        "Rate every story.",
    ),
    (
        "competence_unknown",
        "Competenza sconosciuta.",
        "Unknown competence.",
    ),
    (
        "adjustment_needs_comment",
        "Spiegare con un commento perché il livello cambia.",
        "Explain in a comment why the level changes.",
    ),
    (
        "levels_incomplete",
        "Decidere il livello di ogni competenza.",
        "Decide the level of every competence.",
    ),
    (
        "key_invalid",
        "Da 3 a 64 caratteri: lettere minuscole, cifre e trattini.",
        "3 to 64 characters: lower-case letters, digits and dashes.",
    ),
    (
        "key_changed",
        "La chiave di una versione non si cambia.",
        "A version's key cannot change.",
    ),
    ("items_count", "Da 1 a 200 domande.", "1 to 200 questions."),
    (
        "client_id_invalid",
        "Da 1 a 64 caratteri: lettere, cifre, - _ : .",
        "1 to 64 characters: letters, digits, - _ : .",
    ),
    (
        "user_unknown",
        "Nessuna persona con questo identificativo nell'agenzia.",
        "No person with this id in the agency.",
    ),
    (
        "direct_self",
        "Non puoi aprire una conversazione con te stessa.",
        "You cannot open a conversation with yourself.",
    ),
    (
        "search_length",
        "Da 2 a 100 caratteri.",
        "2 to 100 characters.",
    ),
    (
        "blocked_word",
        "Il messaggio contiene una parola non ammessa in questa comunità.",
        "The message contains a word this community does not allow.",
    ),
    (
        "term_invalid",
        "Da 2 a 80 caratteri.",
        "2 to 80 characters.",
    ),
    (
        "own_message",
        "Non puoi segnalare un tuo messaggio.",
        "You cannot report your own message.",
    ),
    (
        "not_yourself",
        "Non puoi applicarlo a te stessa.",
        "You cannot apply it to yourself.",
    ),
    (
        "reaction_unknown",
        "Non è una delle reazioni disponibili.",
        "Not one of the available reactions.",
    ),
    (
        "reply_unknown",
        "Il messaggio a cui rispondi non è in questa stanza.",
        "The message you reply to is not in this room.",
    ),
    (
        "mention_not_member",
        "Si possono menzionare solo i membri della stanza.",
        "Only members of the room can be mentioned.",
    ),
    (
        "kind_direct",
        "Una conversazione diretta si apre con la persona a cui scrivere (POST /community/direct), non come stanza.",
        "A direct conversation is opened with the person to write to (POST /community/direct), not as a room.",
    ),
    (
        "topic_public_only",
        "Solo le stanze pubbliche hanno un tema o un territorio.",
        "Only public rooms have a theme or territory.",
    ),
    (
        "one_anchor_only",
        "Al massimo uno tra before, after e around.",
        "At most one of before, after and around.",
    ),
    (
        "competences_count",
        "Da 1 a 40 competenze.",
        "1 to 40 competences.",
    ),
    (
        "competence_code_invalid",
        "Una lettera maiuscola, poi fino a 15 maiuscole, cifre o trattini bassi (es. P1, C6).",
        "An upper-case letter, then up to 15 upper-case letters, digits or underscores (e.g. P1, C6).",
    ),
    (
        "esco_code_invalid",
        "Un gruppo di competenze trasversali ESCO, come T2 o T2.2.",
        "An ESCO transversal skill group, such as T2 or T2.2.",
    ),
    (
        "esco_uri_invalid",
        "Un URI ESCO, che inizia con http://data.europa.eu/esco/.",
        "An ESCO URI, starting with http://data.europa.eu/esco/.",
    ),
    ("options_count", "Da 2 a 6 opzioni.", "2 to 6 options."),
    (
        "option_key_invalid",
        "Chiave dell'opzione mancante, troppo lunga o ripetuta.",
        "The option key is missing, too long or repeated.",
    ),
    (
        "competence_not_measured",
        "L'opzione assegna punti a una competenza che la domanda non misura.",
        "The option gives points to a competence the question does not measure.",
    ),
    (
        "competence_never_scored",
        "Nessuna opzione assegna punti a questa competenza.",
        "No option gives points to this competence.",
    ),
    (
        "options_not_allowed",
        "Questo tipo di domanda non ha opzioni.",
        "This kind of question has no options.",
    ),
    (
        "page_size_out_of_range",
        "La dimensione della pagina deve essere tra 1 e 100.",
        "The page size must be between 1 and 100.",
    ),
];

pub fn problem(code: &str, lang: Language) -> ProblemText {
    let row = PROBLEMS
        .iter()
        .find(|row| row.0 == code)
        .or_else(|| PROBLEMS.iter().find(|row| row.0 == "bad_request"));
    match (row, lang) {
        (Some(r), Language::It) => ProblemText {
            title: r.1,
            detail: r.2,
        },
        (Some(r), Language::En) => ProblemText {
            title: r.3,
            detail: r.4,
        },
        (None, _) => ProblemText {
            title: "Error",
            detail: "",
        },
    }
}

pub fn field(code: &str, lang: Language) -> &'static str {
    let row = FIELDS
        .iter()
        .find(|row| row.0 == code)
        .or_else(|| FIELDS.iter().find(|row| row.0 == "invalid_value"));
    match (row, lang) {
        (Some(r), Language::It) => r.1,
        (Some(r), Language::En) => r.2,
        (None, _) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for row in PROBLEMS {
            assert!(
                !row.1.is_empty() && !row.2.is_empty() && !row.3.is_empty() && !row.4.is_empty(),
                "{}",
                row.0
            );
        }
        for row in FIELDS {
            assert!(!row.1.is_empty() && !row.2.is_empty(), "{}", row.0);
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = PROBLEMS.iter().map(|r| r.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), PROBLEMS.len());
    }
}
