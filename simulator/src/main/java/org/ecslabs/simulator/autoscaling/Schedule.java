package org.ecslabs.simulator.autoscaling;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * A scheduled action's Schedule: {@code at(yyyy-mm-ddThh:mm:ss)}, {@code rate(value unit)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)}, in a time zone. The simulator
 * asks it once per simulated minute whether it fires in the minute that just began.
 */
final class Schedule {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final ZoneId zone;
    private final Long at;
    private final Long rateSeconds;
    private final BitSet[] cron;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Schedule(ZoneId zone, Long at, Long rateSeconds, BitSet[] cron, boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.zone = zone;
        this.at = at;
        this.rateSeconds = rateSeconds;
        this.cron = cron;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    static Schedule parse(String expression, String timezone) {
        ZoneId zone;
        try {
            zone = timezone == null || timezone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new AwsException("ValidationException", "Timezone " + timezone + " is not a valid time zone.");
        }
        String trimmed = expression == null ? "" : expression.trim();
        Matcher matcher = AT.matcher(trimmed);
        if (matcher.matches()) {
            try {
                long epochSeconds = LocalDateTime.parse(matcher.group(1)).atZone(zone).toEpochSecond();
                return new Schedule(zone, epochSeconds, null, null, false, false);
            } catch (DateTimeParseException e) {
                throw invalid(expression);
            }
        }
        matcher = RATE.matcher(trimmed);
        if (matcher.matches()) {
            long value = Long.parseLong(matcher.group(1));
            if (value < 1) {
                throw invalid(expression);
            }
            long unit = matcher.group(2).startsWith("minute") ? 60 : matcher.group(2).startsWith("hour") ? 3600 : 86400;
            return new Schedule(zone, null, value * unit, null, false, false);
        }
        matcher = CRON.matcher(trimmed);
        if (matcher.matches()) {
            String[] fields = matcher.group(1).trim().split("\\s+");
            if (fields.length != 6) {
                throw invalid(expression);
            }
            BitSet[] parsed = {
                field(fields[0], 0, 59, List.of(), 0, expression),
                field(fields[1], 0, 23, List.of(), 0, expression),
                field(fields[2], 1, 31, List.of(), 0, expression),
                field(fields[3], 1, 12, MONTHS, 1, expression),
                field(fields[4], 1, 7, DAYS, 1, expression),
                field(fields[5], 1970, 2199, List.of(), 0, expression)
            };
            return new Schedule(zone, null, null, parsed, fields[2].equals("?"), fields[4].equals("?"));
        }
        throw invalid(expression);
    }

    private static AwsException invalid(String expression) {
        return new AwsException("ValidationException", "Schedule expression '" + expression
                + "' is invalid: use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields).");
    }

    /** One cron field as the set of values it matches; names are 1-based after their first value. */
    private static BitSet field(String text, int min, int max, List<String> names, int nameBase, String expression) {
        BitSet values = new BitSet();
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), names, nameBase, expression);
                range = part.substring(0, slash);
                if (step < 1) {
                    throw invalid(expression);
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = number(bounds[0], names, nameBase, expression);
                to = number(bounds[1], names, nameBase, expression);
            } else {
                from = number(range, names, nameBase, expression);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw invalid(expression);
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, List<String> names, int nameBase, String expression) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + nameBase;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // L, W and # are valid on AWS but not modelled here.
            throw invalid(expression);
        }
    }

    /**
     * Whether the schedule fires at the minute that starts at {@code minuteStart} (epoch seconds),
     * for an action created at {@code created} and active from {@code startTime} (either may set a rate's origin).
     */
    boolean firesAt(long minuteStart, long created, Long startTime) {
        if (at != null) {
            return at > minuteStart - 60 && at <= minuteStart && at >= created - 60;
        }
        if (rateSeconds != null) {
            long origin = startTime != null ? startTime : created;
            long elapsed = minuteStart - origin;
            if (elapsed < 0) {
                return false;
            }
            long k = elapsed / rateSeconds;
            long fireTime = origin + k * rateSeconds;
            return (k >= 1 || startTime != null) && fireTime > minuteStart - 60;
        }
        ZonedDateTime local = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(minuteStart), zone);
        int dayOfWeek = local.getDayOfWeek().getValue() % 7 + 1;
        boolean dayOfMonth = cron[2].get(local.getDayOfMonth());
        boolean weekDay = cron[4].get(dayOfWeek);
        boolean day = anyDayOfMonth ? weekDay : anyDayOfWeek ? dayOfMonth : dayOfMonth && weekDay;
        return cron[0].get(local.getMinute()) && cron[1].get(local.getHour()) && day
                && cron[3].get(local.getMonthValue()) && cron[5].get(local.getYear());
    }
}
