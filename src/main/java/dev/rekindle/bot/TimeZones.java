package dev.rekindle.bot;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time zone from what a person writes: an offset from UTC ({@code +2}, {@code -5:30}, {@code UTC+1},
 * {@code GMT-3}), a zone id ({@code Europe/Vienna}), or one of a few large cities. Deliberately small: a city
 * it does not know gets a kind "try an offset" instead of a guess.
 */
public final class TimeZones {
    private static final Pattern OFFSET = Pattern.compile("(?:utc|gmt)?\\s*([+-])\\s*(\\d{1,2})(?:[:.h]?(\\d{2}))?");
    private static final Map<String, String> CITIES = Map.ofEntries(
            Map.entry("london", "Europe/London"),
            Map.entry("dublin", "Europe/Dublin"),
            Map.entry("lisbon", "Europe/Lisbon"),
            Map.entry("paris", "Europe/Paris"),
            Map.entry("berlin", "Europe/Berlin"),
            Map.entry("madrid", "Europe/Madrid"),
            Map.entry("rome", "Europe/Rome"),
            Map.entry("amsterdam", "Europe/Amsterdam"),
            Map.entry("vienna", "Europe/Vienna"),
            Map.entry("stockholm", "Europe/Stockholm"),
            Map.entry("warsaw", "Europe/Warsaw"),
            Map.entry("kyiv", "Europe/Kyiv"),
            Map.entry("istanbul", "Europe/Istanbul"),
            Map.entry("moscow", "Europe/Moscow"),
            Map.entry("cairo", "Africa/Cairo"),
            Map.entry("lagos", "Africa/Lagos"),
            Map.entry("johannesburg", "Africa/Johannesburg"),
            Map.entry("dubai", "Asia/Dubai"),
            Map.entry("delhi", "Asia/Kolkata"),
            Map.entry("mumbai", "Asia/Kolkata"),
            Map.entry("singapore", "Asia/Singapore"),
            Map.entry("hong kong", "Asia/Hong_Kong"),
            Map.entry("beijing", "Asia/Shanghai"),
            Map.entry("shanghai", "Asia/Shanghai"),
            Map.entry("tokyo", "Asia/Tokyo"),
            Map.entry("seoul", "Asia/Seoul"),
            Map.entry("sydney", "Australia/Sydney"),
            Map.entry("melbourne", "Australia/Melbourne"),
            Map.entry("auckland", "Pacific/Auckland"),
            Map.entry("new york", "America/New_York"),
            Map.entry("toronto", "America/Toronto"),
            Map.entry("chicago", "America/Chicago"),
            Map.entry("denver", "America/Denver"),
            Map.entry("los angeles", "America/Los_Angeles"),
            Map.entry("san francisco", "America/Los_Angeles"),
            Map.entry("mexico city", "America/Mexico_City"),
            Map.entry("sao paulo", "America/Sao_Paulo"),
            Map.entry("são paulo", "America/Sao_Paulo"),
            Map.entry("buenos aires", "America/Argentina/Buenos_Aires"));

    private TimeZones() {}

    public static Optional<ZoneId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.equals("utc") || t.equals("gmt")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher m = OFFSET.matcher(t);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hours > 14 || !(minutes == 0 || minutes == 30 || minutes == 45)) {
                return Optional.empty();
            }
            int sign = m.group(1).equals("-") ? -1 : 1;
            try {
                return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        String city = CITIES.get(t);
        if (city != null) {
            return Optional.of(ZoneId.of(city));
        }
        if (text.strip().contains("/")) {
            try {
                return Optional.of(ZoneId.of(text.strip()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
