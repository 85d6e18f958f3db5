package dev.rekindle.nlu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A trained intent model: OpenNLP's {@link DoccatModel} (the weights) plus what OpenNLP does not keep — the
 * {@link IntentParams} it was trained with (so the runtime analyses text the same way), the
 * {@link OutOfScopeRule} and the {@link RoutingRule} tuned on validation data, and the fingerprint of the training data and parameters.
 * Immutable and shareable between threads; {@link TextCategorizer} is the runtime over it.
 *
 * <p>The feature generators are ours ({@code dev.rekindle.nlu.features}). OpenNLP writes their class names into the
 * doccat manifest and, left alone, would re-create them on load through its {@code ExtensionLoader}, which newer
 * OpenNLP releases restrict to allow-listed packages (OPENNLP-1820). This class never lets it: on load it hands
 * the doccat factory generators built from the stored pipeline, so no class is ever looked up by name and the
 * generators can take constructor parameters.
 *
 * <p>File format: {@code RKINTENT}, a format version, a JSON header, then the doccat model as OpenNLP writes it.
 */
public final class IntentModel {
    private static final byte[] MAGIC = "RKINTENT".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DoccatModel doccat;
    private final IntentParams params;
    private final OutOfScopeRule rule;
    private final RoutingRule routing;
    private final String fingerprint;
    private final List<String> labels;

    IntentModel(DoccatModel doccat, IntentParams params, OutOfScopeRule rule, String fingerprint) {
        this(doccat, params, rule, RoutingRule.always(), fingerprint);
    }

    private IntentModel(
            DoccatModel doccat, IntentParams params, OutOfScopeRule rule, RoutingRule routing, String fingerprint) {
        this.doccat = doccat;
        this.params = params;
        this.rule = rule;
        this.routing = routing;
        this.fingerprint = fingerprint == null ? "" : fingerprint;
        MaxentModel m = doccat.getMaxentModel();
        List<String> l = new ArrayList<>(m.getNumOutcomes());
        for (int i = 0; i < m.getNumOutcomes(); i++) {
            l.add(m.getOutcome(i));
        }
        this.labels = List.copyOf(l);
    }

    public IntentParams params() {
        return params;
    }

    public OutOfScopeRule outOfScopeRule() {
        return rule;
    }

    /** When a message starts an exercise alone, is offered first, or falls back; {@link RoutingRule#always()} if untuned. */
    public RoutingRule routingRule() {
        return routing;
    }

    /** SHA-256 (hex) of the training data and parameters; empty when trained from examples in memory. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The labels the model knows, in OpenNLP's outcome order. */
    public List<String> labels() {
        return labels;
    }

    DoccatModel doccat() {
        return doccat;
    }

    public IntentModel withOutOfScopeRule(OutOfScopeRule r) {
        return new IntentModel(doccat, params, r, routing, fingerprint);
    }

    public IntentModel withRoutingRule(RoutingRule r) {
        return new IntentModel(doccat, params, rule, r, fingerprint);
    }

    public IntentModel withFingerprint(String fp) {
        return new IntentModel(doccat, params, rule, routing, fp);
    }

    /** Writes the model to {@code file} (through a temporary file and a move, so a reader never sees half). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void write(OutputStream out) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("params", params.toString());
        h.put("outOfScopeLabel", rule.label());
        h.put("threshold", rule.threshold());
        h.put("margin", rule.margin());
        h.put("routeDirect", routing.direct());
        h.put("routeOffer", routing.offer());
        h.put("routeSecond", routing.second());
        h.put("fingerprint", fingerprint);
        h.putPOJO("labels", labels);
        byte[] header = JSON.writeValueAsBytes(h);
        ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 16);
        doccat.serialize(model);
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeInt(FORMAT);
        d.writeInt(header.length);
        d.write(header);
        d.writeInt(model.size());
        model.writeTo(d);
        d.flush();
    }

    public static IntentModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static IntentModel read(InputStream in, String name) throws IOException {
        DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not a Rekindle intent model (train one with 'rekindle nlu train')");
            }
            int format = d.readInt();
            if (format != FORMAT) {
                throw new IOException(name + ": model format " + format + ", this release reads " + FORMAT
                        + " (retrain it with 'rekindle nlu train')");
            }
            byte[] header = new byte[checkedLength(d.readInt(), name)];
            d.readFully(header);
            JsonNode h = JSON.readTree(header);
            IntentParams params = IntentParams.parse(h.path("params").asText(), IntentParams.defaults());
            OutOfScopeRule rule = new OutOfScopeRule(
                    h.path("outOfScopeLabel").asText(OutOfScopeRule.OUT_OF_SCOPE),
                    h.path("threshold").asDouble(),
                    h.path("margin").asDouble());
            // a model from before routing was tuned acts on every verdict, as the bot then did
            RoutingRule routing = h.has("routeDirect")
                    ? new RoutingRule(
                            h.path("routeDirect").asDouble(),
                            h.path("routeOffer").asDouble(),
                            h.path("routeSecond").asDouble())
                    : RoutingRule.always();
            byte[] model = new byte[checkedLength(d.readInt(), name)];
            d.readFully(model);
            DoccatModel doccat = withOurGenerators(new DoccatModel(new ByteArrayInputStream(model)), params);
            return new IntentModel(
                    doccat, params, rule, routing, h.path("fingerprint").asText(""));
        } catch (EOFException e) {
            throw new IOException(name + ": the model file is cut short (retrain it)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": the model header is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the doccat model's factory the generators of {@code params}' pipeline, before anyone asks it for them:
     * OpenNLP then never looks our generators up by class name. Called once on a model that is not yet shared.
     */
    static DoccatModel withOurGenerators(DoccatModel doccat, IntentParams params) {
        doccat.getFactory().setFeatureGenerators(params.pipeline().generators());
        return doccat;
    }

    private static int checkedLength(int n, String name) throws IOException {
        if (n < 0 || n > (1 << 30)) {
            throw new IOException(name + ": the model file is damaged (a section of " + n + " bytes)");
        }
        return n;
    }

    @Override
    public String toString() {
        return "IntentModel[" + labels.size() + " labels, " + params + ", " + rule + ", " + routing + "]";
    }
}
