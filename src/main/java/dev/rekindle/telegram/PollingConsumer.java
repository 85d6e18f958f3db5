package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Feeds a batch of updates to the sink synchronously, on the library's polling thread. Not the library's
 * single-thread consumers: LongPollingSingleThreadUpdateConsumer hands updates to a static executor that
 * is never shut down, and both it and DefaultLongPollingUpdateConsumer return before the updates are
 * handled, so the next getUpdates would confirm updates that were never stored.
 */
final class PollingConsumer implements LongPollingUpdateConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(PollingConsumer.class);

    private final UpdateMapper mapper;
    private final UpdateSink sink;
    private final Redact redact;
    private final ObjectMapper json;

    PollingConsumer(UpdateMapper mapper, UpdateSink sink, Redact redact, ObjectMapper json) {
        this.mapper = mapper;
        this.sink = sink;
        this.redact = redact;
        this.json = json;
    }

    @Override
    public void consume(List<Update> updates) {
        List<UpdateSink.Raw> batch = new java.util.ArrayList<>(updates.size());
        for (Update u : updates) {
            IncomingUpdate in;
            String raw;
            try {
                in = mapper.map(u);
                raw = json.writeValueAsString(u);
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                // a shape we did not expect must not stop the bot for everyone: skip this one update
                LOG.warn("update {} could not be read and is skipped: {}", u.getUpdateId(), redact.describe(e));
                continue;
            }
            batch.add(new UpdateSink.Raw(in, raw));
        }
        try {
            sink.acceptAll(batch);
        } catch (Exception e) {
            // throwing here would cancel the library's polling task for good (it catches only
            // TelegramApiException), so the bot would go silent; log and carry on instead
            LOG.error("a batch of {} updates was not handled: {}", batch.size(), redact.describe(e));
        }
    }

    /** Nothing to release: each batch is handled on the caller's thread before consume returns. */
    @Override
    public void close() {}
}
