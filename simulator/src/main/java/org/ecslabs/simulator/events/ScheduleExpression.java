package org.ecslabs.simulator.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * EventBridge schedule expressions: {@code rate(5 minutes)} and six-field {@code cron(minutes hours
 * day-of-month month day-of-week year)} in UTC, with *, ?, lists, ranges, steps and names (JAN, MON).
 */
record ScheduleExpression(long rateSeconds, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                          BitSet years, boolean anyDay, boolean anyWeekday) {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    static ScheduleExpression parse(String expression) {
        Matcher rate = RATE.matcher(expression == null ? "" : expression.trim());
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            if (value < 1 || value == 1 != !unit.endsWith("s")) {
                throw invalid();
            }
            long seconds = unit.startsWith("minute") ? 60 : unit.startsWith("hour") ? 3600 : 86400;
            return new ScheduleExpression(value * seconds, null, null, null, null, null, null, false, false);
        }
        Matcher cron = CRON.matcher(expression == null ? "" : expression.trim());
        if (!cron.matches()) {
            throw invalid();
        }
        String[] fields = cron.group(1).trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (fields.length != 6) {
            throw invalid();
        }
        // One of day-of-month and day-of-week must be "?", as EventBridge requires.
        boolean anyDay = fields[2].equals("?");
        boolean anyWeekday = fields[4].equals("?");
        if (anyDay == anyWeekday) {
            throw invalid();
        }
        return new ScheduleExpression(0, field(fields[0], 0, 59, List.of()), field(fields[1], 0, 23, List.of()),
                anyDay ? null : field(fields[2], 1, 31, List.of()), field(fields[3], 1, 12, MONTHS),
                anyWeekday ? null : field(fields[4], 1, 7, WEEKDAYS), field(fields[5], 1970, 2199, List.of()),
                anyDay, anyWeekday);
    }

    private static AwsException invalid() {
        return new AwsException("ValidationException", "Parameter ScheduleExpression is not valid.");
    }

    private static BitSet field(String text, int min, int max, List<String> names) {
        BitSet bits = new BitSet();
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            if (part.contains("/")) {
                step = number(part.substring(part.indexOf('/') + 1), 1, max, List.of());
                range = part.substring(0, part.indexOf('/'));
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), min, max, names);
                to = number(range.substring(range.indexOf('-') + 1), min, max, names);
            } else {
                from = number(range, min, max, names);
                to = part.contains("/") ? max : from;
            }
            if (from > to || step < 1) {
                throw invalid();
            }
            for (int value = from; value <= to; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }

    private static int number(String text, int min, int max, List<String> names) {
        int index = names.indexOf(text);
        if (index >= 0) {
            return index + 1;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw invalid();
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** The first invocation after {@code after} (epoch seconds); a rate counts from the rule's creation. */
    long next(long after, long createdAt) {
        if (rateSeconds > 0) {
            long periods = Math.max(1, (after - createdAt) / rateSeconds + 1);
            return createdAt + periods * rateSeconds;
        }
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochSecond(after), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        // At most five years of minutes: an expression that never fires again stops there.
        for (int i = 0; i < 5 * 366 * 24 * 60; i++) {
            if (matches(time)) {
                return time.toEpochSecond(ZoneOffset.UTC);
            }
            if (!months.get(time.getMonthValue()) || !years.get(time.getYear())) {
                time = time.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
            } else if (!dayMatches(time)) {
                time = time.plusDays(1).withHour(0).withMinute(0);
            } else if (!hours.get(time.getHour())) {
                time = time.plusHours(1).withMinute(0);
            } else {
                time = time.plusMinutes(1);
            }
        }
        return Long.MAX_VALUE;
    }

    private boolean matches(LocalDateTime time) {
        return minutes.get(time.getMinute()) && hours.get(time.getHour()) && dayMatches(time)
                && months.get(time.getMonthValue()) && years.get(time.getYear());
    }

    private boolean dayMatches(LocalDateTime time) {
        if (anyDay) {
            // Cron counts SUN as 1; java.time counts MONDAY as 1.
            return weekdays.get(time.getDayOfWeek().getValue() % 7 + 1);
        }
        return days.get(time.getDayOfMonth());
    }
}
