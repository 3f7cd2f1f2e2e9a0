package dev.pulse.survey.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

@ApplicationScoped
public class CatalogueProducer {
    static final String RESOURCE = "/catalogue/catalogue-v1.json";

    @Produces
    @jakarta.inject.Singleton
    Catalogue catalogue() {
        return Catalogue.load(CatalogueProducer.class.getResourceAsStream(RESOURCE));
    }
}
