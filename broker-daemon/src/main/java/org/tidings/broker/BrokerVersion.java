package org.tidings.broker;

/** The version this broker reports in HELLO_OK. */
public final class BrokerVersion {

    public static final String VERSION = "Tidings " + versionOf(BrokerVersion.class.getPackage());

    private BrokerVersion() {
    }

    private static String versionOf(Package pkg) {
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "development" : version;
    }
}
