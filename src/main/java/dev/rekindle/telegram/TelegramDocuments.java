package dev.rekindle.telegram;

import dev.rekindle.bot.Documents;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** {@link Documents} by sendDocument, at once. The file's content is never logged. */
public final class TelegramDocuments implements Documents {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramDocuments.class);

    private final TelegramClient client;
    private final Redact redact;

    public TelegramDocuments(TelegramClient client, Redact redact) {
        this.client = client;
        this.redact = redact;
    }

    @Override
    public boolean send(long chatId, String fileName, byte[] content) {
        try {
            client.execute(SendDocument.builder()
                    .chatId(chatId)
                    .document(new InputFile(new ByteArrayInputStream(content), fileName))
                    .build());
            return true;
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("a file of {} bytes could not be sent to chat {}: {}", content.length, chatId, redact.describe(e));
            return false;
        }
    }
}
