package dev.usermanagement.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One login: its tokens carry its id as "sid", and ending it ends all of them. */
@Entity
@Table(name = "sessions", indexes = @Index(name = "ix_sessions_user", columnList = "user_id, created_at"))
public class UserSession {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The absolute end of the session, which refreshing never extends (ASVS 5 V7.3.2). */
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** SHA-256 of the jti of the session's current refresh token: never the token itself (RFC 9700 4.14). */
    @Column(name = "refresh_digest", nullable = false, length = 64)
    private String refreshDigest;

    /** The refresh token spent by the last rotation, refused quietly for a grace period, then as reuse. */
    @Column(name = "previous_refresh_digest", length = 64)
    private String previousRefreshDigest;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected UserSession() {
    }

    public UserSession(String userId, Instant createdAt, Instant expiresAt, String refreshDigest) {
        this.id = UUID.randomUUID().toString();
        this.userId = userId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.refreshDigest = refreshDigest;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean liveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public String refreshDigest() {
        return refreshDigest;
    }

    public boolean currentRefresh(String digest) {
        return refreshDigest.equals(digest);
    }

    public boolean spentWithin(String digest, Instant now, java.time.Duration grace) {
        return digest.equals(previousRefreshDigest) && rotatedAt != null && now.isBefore(rotatedAt.plus(grace));
    }

    public void rotate(String nextDigest, Instant now) {
        previousRefreshDigest = refreshDigest;
        refreshDigest = nextDigest;
        rotatedAt = now;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
