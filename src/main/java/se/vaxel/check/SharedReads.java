package se.vaxel.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.Contact;
import se.vaxel.ami.Endpoint;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;

/**
 * One check's connection, shared by the snapshot reads of every organisation of a platform: the
 * lists that cover the whole PBX (every mailbox of every context, every PJSIP endpoint and
 * contact) are asked for once and each organisation's reader takes its own part of the answer,
 * so a check of six organisations costs the round trips of one for those. An answer that failed
 * fails the same way for every reader that asks, as the action itself would have.
 *
 * The whole dialplan (one ShowDialPlan without a context, from which each reader keeps its
 * organisation's contexts) is such a list too.
 *
 * <p>Everything else (the AstDB families, the greeting probe) is the organisation's own and
 * goes to the PBX every time.
 */
final class SharedReads implements AmiClient {
  private final AmiClient ami;
  private final Once<List<VoicemailBox>> voicemailUsers;
  private final Once<List<Endpoint>> endpoints;
  private final Once<List<Contact>> contacts;
  private final Once<List<se.vaxel.ami.DialplanEntry>> dialplan;

  SharedReads(AmiClient ami) {
    this.ami = Objects.requireNonNull(ami, "ami");
    this.voicemailUsers = new Once<>(ami::voicemailUsers);
    this.endpoints = new Once<>(ami::pjsipEndpoints);
    this.contacts = new Once<>(ami::pjsipContacts);
    this.dialplan = new Once<>(ami::showDialplan);
  }

  /** The first answer, or the first failure, kept for the check's life. */
  private static final class Once<T> {
    private final Supplier<T> read;
    private T value;
    private AmiException failure;
    private boolean done;

    Once(Supplier<T> read) {
      this.read = read;
    }

    synchronized T get() {
      if (!done) {
        try {
          value = read.get();
        } catch (AmiException e) {
          failure = e;
        }
        done = true;
      }
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

  @Override
  public List<VoicemailBox> voicemailUsers() {
    return voicemailUsers.get();
  }

  @Override
  public List<Endpoint> pjsipEndpoints() {
    return endpoints.get();
  }

  @Override
  public List<Contact> pjsipContacts() {
    return contacts.get();
  }

  @Override
  public Map<String, String> dbGetTree(String family) {
    return ami.dbGetTree(family);
  }

  @Override
  public Optional<String> dbGet(String family, String key) {
    return ami.dbGet(family, key);
  }

  @Override
  public void dbPut(String family, String key, String value) {
    ami.dbPut(family, key, value);
  }

  @Override
  public void dbDel(String family, String key) {
    ami.dbDel(family, key);
  }

  @Override
  public void dbDelTree(String family) {
    ami.dbDelTree(family);
  }

  @Override
  public Optional<String> getvar(String expression) {
    return ami.getvar(expression);
  }

  @Override
  public void setvar(String variable, String value) {
    ami.setvar(variable, value);
  }

  @Override
  public java.util.List<se.vaxel.ami.ExtensionState> extensionStates() {
    return ami.extensionStates();
  }

  @Override
  public Subscription onExtensionStatus(
      java.util.function.Consumer<se.vaxel.ami.ExtensionState> listener) {
    return ami.onExtensionStatus(listener);
  }

  @Override
  public void userEvent(String name, Map<String, String> headers) {
    ami.userEvent(name, headers);
  }

  @Override
  public List<PresenceEntry> presenceStates() {
    return ami.presenceStates();
  }

  @Override
  public PresenceEntry presenceState(String provider) {
    return ami.presenceState(provider);
  }

  @Override
  public void reload(String module) {
    ami.reload(module);
  }

  @Override
  public List<se.vaxel.ami.DialplanEntry> showDialplan() {
    return dialplan.get();
  }

  @Override
  public List<se.vaxel.ami.DialplanEntry> showDialplan(String context) {
    return ami.showDialplan(context);
  }

  @Override
  public void originate(String channel, String application, String data,
      Map<String, String> variables, Duration answerTimeout) {
    ami.originate(channel, application, data, variables, answerTimeout);
  }

  @Override
  public Subscription onUserEvent(String userEventName, Consumer<Map<String, String>> listener) {
    return ami.onUserEvent(userEventName, listener);
  }

  @Override
  public long roundTrips() {
    return ami.roundTrips();
  }

  /** The connection is the check's, not a reader's: CheckService closes it. */
  @Override
  public void close() {}
}
