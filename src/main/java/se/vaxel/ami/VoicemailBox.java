package se.vaxel.ami;

import java.util.Objects;

/**
 * A mailbox as app_voicemail has it loaded (one VoicemailUserEntry of VoicemailUsersList). Text
 * fields are "" when not set. Entries of alias contexts appear too, with a mailbox such as
 * "1234@devices".
 *
 * @param newMessages messages in INBOX, i.e. not yet heard
 * @param maxMessages the most messages a folder takes (maxmsg); a full INBOX refuses new ones
 * @param maxMessageLength the longest message in seconds (maxsecs), 0 for no limit
 */
public record VoicemailBox(
    String context,
    String mailbox,
    String fullName,
    String email,
    String pager,
    String language,
    String timezone,
    boolean attachMessage,
    int newMessages,
    int oldMessages,
    int maxMessages,
    int maxMessageLength) {

  public VoicemailBox {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(pager, "pager");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timezone, "timezone");
  }
}
