package se.vaxel.ami;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * The AMI actions and events that Asterisk-Java 3.42 lacks for Asterisk 22 (docs/ami.md,
 * "Asterisk-Java 3.42 against Asterisk 22"). Only {@link AsteriskJavaClient} uses them.
 *
 * <p>The classes are public, with public {@code (Object source)} constructors and setters, only
 * because the library instantiates and fills them reflectively. Each event carries an explicit
 * {@link AsteriskMapping}: without it the library derives the event type from the class name,
 * which for a nested class includes the outer class. List entries extend {@link ResponseEvent}
 * because only those are routed to the waiting action by ActionID.
 */
public final class AsteriskJavaExtensions {

  private AsteriskJavaExtensions() {}

  /** Every event class the client registers on its connection after login. */
  static final List<Class<? extends ManagerEvent>> EVENT_CLASSES =
      List.of(
          DbGetEntryEvent.class,
          DbGetCompleteEvent.class,
          DbGetTreeEntryEvent.class,
          DbGetTreeCompleteEvent.class,
          PresenceStateEntryEvent.class,
          PresenceStateListCompleteEvent.class,
          ContactEntryEvent.class,
          VoicemailUsersCompleteEvent.class,
          DialplanCompleteEvent.class,
          EndpointsCompleteEvent.class,
          ContactsCompleteEvent.class,
          ExtensionStateEntryEvent.class,
          ExtensionStateListCompleteEvent.class);

  /**
   * Any action by name. The library appends a {@code getAttributes()} map verbatim as headers,
   * so one class covers every action it lacks or whose class lacks a header we need (e.g.
   * ShowDialPlan's Context).
   */
  public static class GenericAction extends AbstractManagerAction {
    private final String name;
    private final Map<String, String> headers;

    public GenericAction(String name, Map<String, String> headers) {
      this.name = name;
      this.headers = new LinkedHashMap<>(headers);
    }

    @Override
    public String getAction() {
      return name;
    }

    public Map<String, String> getAttributes() {
      return headers;
    }
  }

  /** A {@link GenericAction} answered by a list of events that ends with {@code complete}. */
  public static final class GenericListAction extends GenericAction
      implements EventGeneratingAction {
    private final Class<? extends ResponseEvent> complete;

    public GenericListAction(
        String name, Map<String, String> headers, Class<? extends ResponseEvent> complete) {
      super(name, headers);
      this.complete = complete;
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
      return complete;
    }
  }

  /**
   * Base for the "…Complete" events that end a list. Its ListItems is the number of entries
   * Asterisk sent, against which every list read is counted (docs/ami.md). The library's own
   * classes for these events lack ListItems or a common type, so vaxel registers its own.
   */
  public abstract static class ListCompleteEvent extends ResponseEvent {
    private String eventList;
    private Integer listItems;

    protected ListCompleteEvent(Object source) {
      super(source);
    }

    public String getEventList() {
      return eventList;
    }

    public void setEventList(String eventList) {
      this.eventList = eventList;
    }

    public Integer getListItems() {
      return listItems;
    }

    public void setListItems(Integer listItems) {
      this.listItems = listItems;
    }
  }

  /**
   * A header value exactly as Asterisk sent it. The library turns a String header whose whole
   * value reads "none", "unknown", "n/a", "(null)" and the like into null; a setter taking this
   * type is filled through its String constructor instead, so AstDB values come back verbatim.
   */
  public static final class Verbatim {
    private final String text;

    public Verbatim(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** One AstDB entry; the key is the full path, "/family/key". */
  public abstract static class DbEntryEvent extends ResponseEvent {
    private String key;
    private Verbatim val;

    protected DbEntryEvent(Object source) {
      super(source);
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public Verbatim getVal() {
      return val;
    }

    public void setVal(Verbatim val) {
      this.val = val;
    }
  }

  /** Replaces the library's DbGetResponseEvent on this connection, for the verbatim value. */
  @AsteriskMapping("DBGetResponse")
  public static final class DbGetEntryEvent extends DbEntryEvent {
    private String family;

    public DbGetEntryEvent(Object source) {
      super(source);
    }

    public String getFamily() {
      return family;
    }

    public void setFamily(String family) {
      this.family = family;
    }
  }

  @AsteriskMapping("DBGetComplete")
  public static final class DbGetCompleteEvent extends ListCompleteEvent {
    public DbGetCompleteEvent(Object source) {
      super(source);
    }
  }

  @AsteriskMapping("DBGetTreeResponse")
  public static final class DbGetTreeEntryEvent extends DbEntryEvent {
    public DbGetTreeEntryEvent(Object source) {
      super(source);
    }
  }

  @AsteriskMapping("DBGetTreeComplete")
  public static final class DbGetTreeCompleteEvent extends ListCompleteEvent {
    public DbGetTreeCompleteEvent(Object source) {
      super(source);
    }
  }

  /**
   * One entry of PresenceStateList. Asterisk sends the text both as {@code Message} (which may
   * repeat, and the library then joins the values with a newline) and as {@code PresenceMessage};
   * the latter is the one to read.
   */
  @AsteriskMapping("PresenceStateChange")
  public static final class PresenceStateEntryEvent extends ResponseEvent {
    private String presentity;
    private String status;
    private String subtype;
    private String message;
    private String presenceMessage;

    public PresenceStateEntryEvent(Object source) {
      super(source);
    }

    public String getPresentity() {
      return presentity;
    }

    public void setPresentity(String presentity) {
      this.presentity = presentity;
    }

    public String getStatus() {
      return status;
    }

    public void setStatus(String status) {
      this.status = status;
    }

    public String getSubtype() {
      return subtype;
    }

    public void setSubtype(String subtype) {
      this.subtype = subtype;
    }

    public String getMessage() {
      return message;
    }

    public void setMessage(String message) {
      this.message = message;
    }

    public String getPresenceMessage() {
      return presenceMessage;
    }

    public void setPresenceMessage(String presenceMessage) {
      this.presenceMessage = presenceMessage;
    }
  }

  @AsteriskMapping("PresenceStateListComplete")
  public static final class PresenceStateListCompleteEvent extends ListCompleteEvent {
    public PresenceStateListCompleteEvent(Object source) {
      super(source);
    }
  }

  /**
   * One entry of PJSIPShowContacts. Replaces the library's ContactList, whose status is an enum
   * of four values: Asterisk 22 also sends "Created" and "Removed", which made the library log
   * an ERROR per contact and drop the status.
   */
  @AsteriskMapping("ContactList")
  public static final class ContactEntryEvent extends ResponseEvent {
    private String objectName;
    private String endpoint;
    private String uri;
    private String status;

    public ContactEntryEvent(Object source) {
      super(source);
    }

    public String getObjectName() {
      return objectName;
    }

    public void setObjectName(String objectName) {
      this.objectName = objectName;
    }

    public String getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint;
    }

    public String getUri() {
      return uri;
    }

    public void setUri(String uri) {
      this.uri = uri;
    }

    public String getStatus() {
      return status;
    }

    public void setStatus(String status) {
      this.status = status;
    }
  }

  @AsteriskMapping("VoicemailUserEntryComplete")
  public static final class VoicemailUsersCompleteEvent extends ListCompleteEvent {
    public VoicemailUsersCompleteEvent(Object source) {
      super(source);
    }
  }

  /**
   * One entry of ExtensionStateList (an ExtensionStatus event with the list's ActionID). A
   * ResponseEvent, unlike the library's ExtensionStatusEvent, so that the list reader gets it;
   * the unsolicited ExtensionStatus events are read off the socket (UserEventTap).
   */
  @AsteriskMapping("ExtensionStatus")
  public static final class ExtensionStateEntryEvent extends ResponseEvent {
    private String exten;
    private String context;
    private String hint;
    private Integer status;
    private String statusText;

    public ExtensionStateEntryEvent(Object source) {
      super(source);
    }

    public String getExten() {
      return exten;
    }

    public void setExten(String exten) {
      this.exten = exten;
    }

    public String getContext() {
      return context;
    }

    public void setContext(String context) {
      this.context = context;
    }

    public String getHint() {
      return hint;
    }

    public void setHint(String hint) {
      this.hint = hint;
    }

    public Integer getStatus() {
      return status;
    }

    public void setStatus(Integer status) {
      this.status = status;
    }

    public String getStatusText() {
      return statusText;
    }

    public void setStatusText(String statusText) {
      this.statusText = statusText;
    }
  }

  @AsteriskMapping("ExtensionStateListComplete")
  public static final class ExtensionStateListCompleteEvent extends ListCompleteEvent {
    public ExtensionStateListCompleteEvent(Object source) {
      super(source);
    }
  }

  @AsteriskMapping("ShowDialPlanComplete")
  public static final class DialplanCompleteEvent extends ListCompleteEvent {
    public DialplanCompleteEvent(Object source) {
      super(source);
    }
  }

  @AsteriskMapping("EndpointListComplete")
  public static final class EndpointsCompleteEvent extends ListCompleteEvent {
    public EndpointsCompleteEvent(Object source) {
      super(source);
    }
  }

  @AsteriskMapping("ContactListComplete")
  public static final class ContactsCompleteEvent extends ListCompleteEvent {
    public ContactsCompleteEvent(Object source) {
      super(source);
    }
  }
}
