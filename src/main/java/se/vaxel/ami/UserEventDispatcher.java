package se.vaxel.ami;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs UserEvent listeners on a thread of its own, in arrival order. Listeners must not run on
 * the library's threads: one that calls AMI there blocks the very thread that would deliver the
 * answer, until the action times out (docs/ami.md, "Asterisk-Java 3.42 against Asterisk 22").
 */
final class UserEventDispatcher implements Consumer<Map<String, String>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UserEventDispatcher.class);

  private final Map<String, List<Consumer<Map<String, String>>>> listeners =
      new ConcurrentHashMap<>();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "vaxel-ami-user-events");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * The key under which ExtensionStatus events are delivered: a UserEvent's name is one header
   * line, so it can never contain the line break that starts this key.
   */
  static final String EXTENSION_STATUS = "\nextensionstatus";

  AmiClient.Subscription subscribe(String eventName, Consumer<Map<String, String>> listener) {
    String key = eventName.toLowerCase(Locale.ROOT);
    listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.getOrDefault(key, List.of()).remove(listener);
  }

  /** Called on the library's reader thread: only enqueues. */
  @Override
  public void accept(Map<String, String> headers) {
    String name;
    if ("ExtensionStatus".equalsIgnoreCase(headers.get("event"))) {
      if (headers.containsKey("actionid")) {
        return; // an entry of ExtensionStateList: the list reader has it
      }
      name = EXTENSION_STATUS;
    } else {
      name = headers.getOrDefault("userevent", "").toLowerCase(Locale.ROOT);
    }
    List<Consumer<Map<String, String>>> targets = listeners.get(name);
    if (targets == null || targets.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> deliver(targets, headers));
    } catch (RejectedExecutionException e) {
      // Closed while the link was still delivering: nobody is listening any more.
    }
  }

  private static void deliver(
      List<Consumer<Map<String, String>>> targets, Map<String, String> headers) {
    for (Consumer<Map<String, String>> listener : targets) {
      try {
        listener.accept(headers);
      } catch (RuntimeException e) {
        // One failing listener must not silence the others or later events.
        LOG.warn("UserEvent listener failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
