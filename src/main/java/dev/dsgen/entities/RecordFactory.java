package dev.dsgen.entities;

import dev.dsgen.core.Digits;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.entities.EntityPlan.SourcePlan;
import dev.dsgen.entities.features.Contact;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws record {@code slot} of a source as a pure function of (seed, source, slot): the person it
 * belongs to, written down with the source's conventions, plus noise for duplicates (and light noise
 * when another source already holds the person), and the schema's other columns.
 */
final class RecordFactory {
    private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    /** Share of records in a later source that carry some noise relative to the person. */
    static final double CROSS_SOURCE_NOISE = 0.5;

    private final long seed;
    private final Instant reference;
    private final PersonFactory persons;
    private final NoiseModel noise;
    private final EntityPlan plan;
    private final Map<Source, List<FieldSpec>> fields;
    private final Map<Source, long[]> fieldStreams = new EnumMap<>(Source.class);
    private final Map<Source, WeightedSampler<String>[]> enums = new EnumMap<>(Source.class);
    private final FakerPools pools;
    /** Stream ids per source, computed once (hashing a name per record is measurable at 1M rows). */
    private final long[] draftStream = streams("entities.draft.");
    private final long[] noiseStream = streams("entities.noise.");
    private final long[] crossNoiseStream = streams("entities.xnoise.");
    private final long[] vehicleStream = streams("entities.vehicle.");
    private final long[] funnelStream = streams("entities.funnel.");
    private final Map<Source, Map<String, Integer>> columnIndex = new EnumMap<>(Source.class);
    private final long[][] accountKeys = new long[Source.values().length][4];
    private final ReferenceData ref = ReferenceData.get();

    @SuppressWarnings("unchecked")
    RecordFactory(long seed, Instant reference, PersonFactory persons, NoiseModel noise, EntityPlan plan,
                  Map<Source, List<FieldSpec>> fields, FakerPools pools) {
        this.seed = seed;
        this.reference = reference;
        this.persons = persons;
        this.noise = noise;
        this.plan = plan;
        this.fields = fields;
        this.pools = pools;
        for (Source s : Source.values()) {
            for (int round = 0; round < 4; round++) {
                accountKeys[s.ordinal()][round] = Seeds.mix(seed, Seeds.stream("entities.account." + s.key()), round);
            }
        }
        for (Map.Entry<Source, List<FieldSpec>> e : fields.entrySet()) {
            List<FieldSpec> fs = e.getValue();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < fs.size(); i++) {
                index.put(fs.get(i).name(), i);
            }
            columnIndex.put(e.getKey(), index);
            long[] streams = new long[fs.size()];
            WeightedSampler<String>[] samplers = new WeightedSampler[fs.size()];
            for (int i = 0; i < fs.size(); i++) {
                FieldSpec f = fs.get(i);
                // Keyed by column name: adding a column does not change the others.
                streams[i] = Seeds.stream("entities.field." + e.getKey().key() + "." + f.name());
                if (f.type() == FieldType.ENUM) {
                    List<Double> w = f.weights() != null ? f.weights()
                            : f.values().stream().map(v -> 1.0).toList();
                    samplers[i] = WeightedSampler.of(f.values(), w);
                }
            }
            fieldStreams.put(e.getKey(), streams);
            enums.put(e.getKey(), samplers);
        }
    }

    GeneratedRecord record(Source source, int slot) {
        SourcePlan sp = plan.sources.get(source);
        int entity = sp.entity[slot];
        RecordDraft d;
        if (sp.kind[slot] == EntityPlan.DUPLICATE) {
            d = draft(source, sp.dupOf[slot], entity);
            Rng r = Seeds.rng(seed, noiseStream[source.ordinal()], slot);
            noise.apply(d, r, NoiseModel.countFor(r));
        } else {
            d = draft(source, slot, entity);
            if (sp.kind[slot] == EntityPlan.BASE_SHARED) {
                Rng r = Seeds.rng(seed, crossNoiseStream[source.ordinal()], slot);
                if (r.chance(CROSS_SOURCE_NOISE)) {
                    noise.apply(d, r, 1);
                }
            }
        }
        String id = source.idPrefix() + Digits.pad(slot + 1, 7);
        // Rendered once: the same strings go to the columns and to the pairing view.
        String first = d.renderFirst();
        String last = d.renderLast();
        String email = d.renderEmail();
        String phone = d.renderPhone();
        String address = d.renderAddress();
        String postal = d.renderPostal();
        List<FieldSpec> fs = fields.get(source);
        long[] streams = fieldStreams.get(source);
        String[] values = new String[fs.size()];
        String[] vehicle = null;
        Rng r = new Rng(0);
        for (int i = 0; i < fs.size(); i++) {
            FieldSpec f = fs.get(i);
            r.reseed(Seeds.mix(seed, streams[i], slot));
            if (f.nullRate() > 0 && f.type() != FieldType.ID && f.type() != FieldType.FIRST_NAME
                    && f.type() != FieldType.LAST_NAME && r.chance(f.nullRate())) {
                values[i] = "";
                continue;
            }
            if ((f.type() == FieldType.VEHICLE_MAKE || f.type() == FieldType.VEHICLE_MODEL) && vehicle == null) {
                vehicle = ref.vehicles.sample(Seeds.rng(seed, vehicleStream[source.ordinal()], slot));
            }
            values[i] = switch (f.type()) {
                case ID -> id;
                case EMAIL -> email;
                case PHONE -> phone;
                case FIRST_NAME -> first;
                case LAST_NAME -> last;
                case COMPANY -> d.renderCompany();
                case ACCOUNT -> account(source, entity);
                case ADDRESS -> address;
                case CITY -> d.renderCity();
                case STATE -> d.region;
                case ZIP -> postal;
                case COUNTRY -> d.country;
                case TIMESTAMP -> isoTimestamp(funnel(source, entity, slot, timeOf(f, slot, sp.size(), r)));
                case DATE -> isoTimestamp(funnel(source, entity, slot, timeOf(f, slot, sp.size(), r))).substring(0, 10);
                case DECIMAL -> decimal(f, r);
                case INTEGER -> Long.toString(integer(f, r));
                case ENUM -> enums.get(source)[i].sample(r);
                case REF -> (f.prefix() == null ? "REF-" : f.prefix()) + scramble(slot, streams[i]);
                case VIN -> vin(r);
                case VEHICLE_MAKE -> vehicle[0];
                case VEHICLE_MODEL -> vehicle[1];
                case VEHICLE_YEAR -> Integer.toString(vehicleYear(f, r,
                        recordTime(source, slot).atZone(ZoneOffset.UTC).getYear()));
                case FAKER -> pools.value(source, f, r);
            };
        }
        for (int i = 0; i < fs.size(); i++) {
            Map<String, List<String>> onlyWhen = fs.get(i).onlyWhen();
            if (onlyWhen != null) {
                Map.Entry<String, List<String>> rule = onlyWhen.entrySet().iterator().next();
                int other = columnIndex.get(source).get(rule.getKey());
                if (!rule.getValue().contains(values[other])) {
                    values[i] = "";
                }
            }
        }
        Contact contact = new Contact(first, last, email, phone, address, d.city, d.region, postal);
        return new GeneratedRecord(source, slot, id, entity, values, List.copyOf(d.noise), contact);
    }

    private static long[] streams(String prefix) {
        long[] ids = new long[Source.values().length];
        for (Source s : Source.values()) {
            ids[s.ordinal()] = Seeds.stream(prefix + s.key());
        }
        return ids;
    }

    /** The person as source {@code source} wrote them down in slot {@code slot}. */
    private RecordDraft draft(Source source, int slot, int entity) {
        Person p = persons.person(entity);
        Rng r = Seeds.rng(seed, draftStream[source.ordinal()], slot);
        RecordDraft d = new RecordDraft();
        d.entity = entity;
        d.last = p.lastName();
        d.emailLocal = p.emailLocal();
        d.emailDomain = p.emailDomain();
        d.phone = p.phone();
        d.houseNumber = p.houseNumber();
        d.street = p.street();
        d.suffix = ref.suffixes.get(p.suffix());
        d.unitKind = p.unitKind();
        d.unit = p.unit();
        d.city = p.place().city();
        d.region = p.place().region();
        d.country = p.place().country();
        d.postal = p.postal();
        d.company = p.company();
        switch (source) {
            case LEADS -> {
                // A web form keeps what people type.
                d.first = p.nickname() != null && r.chance(0.6) ? p.nickname() : p.firstName();
                double c = r.nextDouble();
                d.nameCase = c < 0.88 ? RecordDraft.CASE_PROPER : c < 0.95 ? RecordDraft.CASE_LOWER : RecordDraft.CASE_UPPER;
                d.suffixAbbreviated = r.chance(0.55);
                d.suffixPeriod = d.suffixAbbreviated && r.chance(0.15);
                d.unitHash = r.chance(0.4);
                d.commaBeforeUnit = r.chance(0.3);
                int[] typed = {0, 0, 0, 1, 1, 2, 3, 6};
                d.phoneFormat = typed[r.nextInt(typed.length)];
                d.postalCompact = r.chance(0.2);
                d.emailCapitalised = r.chance(0.03);
            }
            case SALES -> {
                // A dealer system: proper case, USPS abbreviations, one phone format.
                d.first = p.nickname() != null && r.chance(0.1) ? p.nickname() : p.firstName();
                d.nameCase = RecordDraft.CASE_PROPER;
                d.suffixAbbreviated = true;
                d.phoneFormat = 1;
                d.zip4 = "US".equals(d.country) && r.chance(0.2) ? Digits.pad(r.nextInt(10_000), 4) : null;
            }
            case FINANCIAL -> {
                // A finance system: legal names in upper case, bare digits, ZIP+4 when known.
                d.first = p.firstName();
                d.nameCase = RecordDraft.CASE_UPPER;
                d.addressUpper = true;
                d.suffixAbbreviated = true;
                d.phoneFormat = 3;
                d.zip4 = "US".equals(d.country) && r.chance(0.5) ? Digits.pad(r.nextInt(10_000), 4) : null;
            }
        }
        if (source != Source.LEADS) {
            d.company = null;
        }
        return d;
    }

    /**
     * Account numbers are per person and source, unique, and unrelated across sources: a keyed
     * four-round Feistel permutation of the entity id over 10^8, with its own keys per source (a
     * linear formula would let one source's number predict the other's, leaking the truth).
     */
    private String account(Source source, int entity) {
        long[] k = accountKeys[source.ordinal()];
        long left = entity / 10_000;
        long right = entity % 10_000;
        for (long key : k) {
            long next = Math.floorMod(left + (Seeds.mix64(right ^ key) >>> 1), 10_000L);
            left = right;
            right = next;
        }
        return (source == Source.FINANCIAL ? "FA" : "C") + Digits.pad(left * 10_000 + right, 8);
    }

    /** A unique, non-sequential reference number per slot (a bijection mod 10^8). */
    private static String scramble(int slot, long stream) {
        long offset = Math.floorMod(stream, 100_000_000L);
        return Digits.pad((slot * 7_368_787L + offset) % 100_000_000L, 8);
    }

    /** Record times grow with the slot (ids are issued in time order), with a little jitter. */
    private Instant timeOf(FieldSpec f, int slot, int n, Rng r) {
        long spanSeconds = (f.daysBack() == null ? 730L : f.daysBack()) * 86_400L;
        long start = reference.getEpochSecond() - spanSeconds;
        long step = spanSeconds / Math.max(1, n);
        long t = start + slot * step + (step > 0 ? (long) (r.nextDouble() * step) : 0);
        return Instant.ofEpochSecond(Math.min(t, reference.getEpochSecond() - 1));
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} in UTC, written into one array (formatters cost a lot per record). */
    static String isoTimestamp(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        byte[] b = "0000-00-00T00:00:00Z".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        put(b, 0, d.getYear(), 4);
        put(b, 5, d.getMonthValue(), 2);
        put(b, 8, d.getDayOfMonth(), 2);
        put(b, 11, d.getHour(), 2);
        put(b, 14, d.getMinute(), 2);
        put(b, 17, d.getSecond(), 2);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Uniform in [min, max]; ranges wider than an int's are drawn as a long (FieldSpec bounds them). */
    private static long integer(FieldSpec f, Rng r) {
        long min = Math.round(f.min());
        long span = Math.round(f.max()) - min + 1;
        return min + (span <= Integer.MAX_VALUE ? r.nextInt((int) span) : Math.floorMod(r.nextLong(), span));
    }

    private static String decimal(FieldSpec f, Rng r) {
        // Triangular with its mode at 35% of the range: prices cluster low with a long upper tail.
        double a = f.min();
        double b = f.max();
        if (a == b) {
            return Digits.twoDecimals(a);
        }
        double c = a + 0.35 * (b - a);
        double u = r.nextDouble();
        double fc = (c - a) / (b - a);
        double x = u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
        return Digits.twoDecimals(x);
    }

    /**
     * A model year no later than the year after the record's own date (a car sold in 2023 is not
     * a 2025 model), at most 13 years older; {@code min}/{@code max} override.
     */
    private int vehicleYear(FieldSpec f, Rng r, int recordYear) {
        int max = f.max() == null ? recordYear + 1 : (int) Math.round(f.max());
        int min = f.min() == null ? max - 13 : (int) Math.round(f.min());
        return r.nextInt(min, Math.max(min, max));
    }

    /**
     * The time of record {@code slot} of {@code source}: its first date or timestamp column, as
     * written (the reference time when it has none).
     */
    private Instant recordTime(Source source, int slot) {
        List<FieldSpec> fs = fields.get(source);
        long[] streams = fieldStreams.get(source);
        SourcePlan sp = plan.sources.get(source);
        for (int i = 0; i < fs.size(); i++) {
            FieldType t = fs.get(i).type();
            if (t == FieldType.DATE || t == FieldType.TIMESTAMP) {
                Rng r = Seeds.rng(seed, streams[i], slot);
                if (fs.get(i).nullRate() > 0) {
                    r.chance(fs.get(i).nullRate());
                }
                return funnel(source, sp.entity[slot], slot, timeOf(fs.get(i), slot, sp.size(), r));
            }
        }
        return reference.minusSeconds(1);
    }

    /**
     * Keeps the sales funnel in order: a person's order comes 1-90 days after their lead, an
     * invoice after their order (or lead). {@code t} is moved later when the earlier step would
     * otherwise come after it, never past the reference time.
     */
    private Instant funnel(Source source, int entity, int slot, Instant t) {
        int earlierSlot = -1;
        Source earlier = null;
        if (source == Source.SALES || source == Source.FINANCIAL) {
            if (source == Source.FINANCIAL && plan.firstSlot.get(Source.SALES)[entity] >= 0) {
                earlier = Source.SALES;
            } else if (plan.firstSlot.get(Source.LEADS)[entity] >= 0) {
                earlier = Source.LEADS;
            }
            earlierSlot = earlier == null ? -1 : plan.firstSlot.get(earlier)[entity];
        }
        if (earlierSlot < 0) {
            return t;
        }
        long delayDays = Seeds.rng(seed, funnelStream[source.ordinal()], slot).nextInt(1, 90);
        Instant after = recordTime(earlier, earlierSlot).plusSeconds(delayDays * 86_400L);
        Instant latest = reference.minusSeconds(1);
        Instant moved = t.isBefore(after) ? after : t;
        return moved.isAfter(latest) ? latest : moved;
    }

    /** A 17-character VIN with a valid check digit (position 9), as ISO 3779 / 49 CFR 565 define it. */
    static String vin(Rng r) {
        char[] v = new char[17];
        for (int i = 0; i < 17; i++) {
            v[i] = VIN_CHARS.charAt(r.nextInt(VIN_CHARS.length()));
        }
        v[8] = '0';
        v[8] = vinCheckDigit(new String(v));
        return new String(v);
    }

    static char vinCheckDigit(String vin) {
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += transliterate(vin.charAt(i)) * weights[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        String map = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        return values[map.indexOf(c)];
    }
}
