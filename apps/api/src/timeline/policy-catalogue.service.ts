import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';

/** The deployment's policy versions, as a class-based DI token for the API. */
export class PolicyCatalogueService extends PolicyCatalogue {}
