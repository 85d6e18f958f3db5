package dev.rekindle.local;

import dev.rekindle.bot.Documents;
import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.OutboxPayload;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal's sender: it takes what the core queued in the outbox, in the order it was committed, shows it and
 * marks it sent under a message id of its own, as Telegram's sender does with Telegram's. It remembers which
 * messages still have buttons (a press acts on the latest of a chat), the last invitation link it showed, and the
 * files the bot's flows hand over directly ({@link Documents}: /export), which come before the words about them.
 */
final class LocalDelivery implements Documents {
    private static final int BATCH = 500;

    /** A message whose buttons can still be pressed: its id, and each button's label and data. */
    record OpenMessage(long messageId, List<OutboxMessage.Button> buttons) {}

    private final Outbox outbox;
    private final InstantSource clock;
    private final Pattern inviteLink;
    private final List<Delivered> files = new ArrayList<>();
    private final Map<Long, LinkedHashMap<Long, OpenMessage>> open = new HashMap<>();
    private final Map<Long, Map<String, Long>> refs = new HashMap<>();
    private long nextMessageId = 1;
    private String lastInviteCode;

    LocalDelivery(Outbox outbox, InstantSource clock, String botUsername) {
        this.outbox = outbox;
        this.clock = clock;
        this.inviteLink = Pattern.compile("https://t\\.me/" + Pattern.quote(botUsername) + "\\?start=([A-Za-z0-9_-]+)");
    }

    @Override
    public boolean send(long chatId, String fileName, byte[] content) {
        files.add(Delivered.file(chatId, fileName, new String(content, StandardCharsets.UTF_8)));
        return true;
    }

    /** Everything handed over since the last call: files first, then the outbox, oldest entry first. */
    List<Delivered> deliver() {
        List<Delivered> out = new ArrayList<>(files);
        files.clear();
        while (true) {
            List<OutboxEntry> due = new ArrayList<>(outbox.due(clock.instant(), BATCH));
            if (due.isEmpty()) {
                return out;
            }
            due.sort(Comparator.comparingLong(OutboxEntry::id));
            for (OutboxEntry e : due) {
                deliver(e).ifPresent(out::add);
            }
        }
    }

    private Optional<Delivered> deliver(OutboxEntry e) {
        switch (e.kind()) {
            case SEND -> {
                long messageId = nextMessageId++;
                OutboxMessage.Text m = OutboxPayload.readText(e.payload());
                if (e.ref() != null) {
                    refs.computeIfAbsent(e.chatId(), c -> new HashMap<>()).put(e.ref(), messageId);
                }
                if (!m.buttons().isEmpty()) {
                    open.computeIfAbsent(e.chatId(), c -> new LinkedHashMap<>())
                            .put(messageId, new OpenMessage(messageId, m.buttons()));
                }
                outbox.markSent(e.id(), messageId);
                String text = Sent.plainText(m.html());
                Matcher link = inviteLink.matcher(text);
                if (link.find()) {
                    lastInviteCode = link.group(1);
                }
                return Optional.of(Delivered.message(
                        e.chatId(),
                        text,
                        m.buttons().stream().map(OutboxMessage.Button::label).toList()));
            }
            case CLOSE_BUTTONS -> {
                OutboxMessage.CloseButtons c = OutboxPayload.readCloseButtons(e.payload());
                long messageId = c.pressedMessageId() > 0
                        ? c.pressedMessageId()
                        : refs.getOrDefault(e.chatId(), Map.of()).getOrDefault(e.ref(), 0L);
                open.getOrDefault(e.chatId(), new LinkedHashMap<>()).remove(messageId);
                outbox.markSent(e.id());
                return Optional.empty();
            }
            default -> {
                // nothing a terminal shows (a chat action, the command list): done, as Telegram would take it
                outbox.markSent(e.id());
                return Optional.empty();
            }
        }
    }

    /** The latest message in {@code chatId} whose buttons are still open. */
    Optional<OpenMessage> latestOpen(long chatId) {
        OpenMessage last = null;
        for (OpenMessage m : open.getOrDefault(chatId, new LinkedHashMap<>()).values()) {
            last = m;
        }
        return Optional.ofNullable(last);
    }

    /** The code of the last invitation link shown, if one was. */
    Optional<String> lastInviteCode() {
        return Optional.ofNullable(lastInviteCode);
    }
}
