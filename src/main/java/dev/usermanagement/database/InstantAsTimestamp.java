package dev.usermanagement.database;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Instant columns the same way on Jakarta Persistence 3.1 (EE 10: WildFly 39, Payara Server 6), which has
 * no Instant type and would serialize it, and on 3.2 (Payara Micro 7), which binds it as this does.
 */
@Converter(autoApply = true)
public class InstantAsTimestamp implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A value read past the converter, as an aggregate such as MAX of an Instant column is. */
    public static Instant read(Object column) {
        return column instanceof Timestamp timestamp ? timestamp.toInstant() : (Instant) column;
    }
}
