package dev.pulse.gateway.proxy;

/** The services behind the gateway. */
public enum Destination {
    SURVEY("survey-service"),
    ANALYTICS("analytics-service");

    private final String serviceName;

    Destination(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
