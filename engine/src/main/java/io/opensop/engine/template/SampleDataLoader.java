package io.opensop.engine.template;

/** Loads a package's sample records; the record feature provides the implementation. */
public interface SampleDataLoader {

    void load(TemplatePackage template);
}
