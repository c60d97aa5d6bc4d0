"""The example queries of ../shared/docs/api-contract.md, written out once for every test.

Kept independent of the shipped profiles on purpose: tests compare the two.
"""

from __future__ import annotations

from typing import Any

API_BULK: dict[str, Any] = {
    "sampling_strategy": "sample generation",
    "total_count": 10000000,
    "deterministic_latents": False,
    "seed": 42,
    "inputs": [
        {
            "metadata": {
                "cell_line_ontology_id": "CVCL_0023",
                "perturbation_ontology_id": "ENSG00000156127",
                "perturbation_type": "crispr",
                "perturbation_time": "96 hours",
                "sample_type": "cell line",
            },
            "num_samples": 5,
        },
        {
            "metadata": {
                "disease_ontology_id": "MONDO:0011719",
                "age_years": "65",
                "sex": "female",
                "sample_type": "primary tissue",
                "tissue_ontology_id": "UBERON:0000945",
            },
            "num_samples": 5,
        },
    ],
}

API_SC: dict[str, Any] = {
    "sampling_strategy": "mean estimation",
    "seed": 11,
    "inputs": [
        {
            "metadata": {
                "cell_type_ontology_id": "CL:0000786",
                "tissue_ontology_id": "UBERON:0001155",
                "sex": "male",
            },
            "num_samples": 1,
        },
        {
            "metadata": {
                "cell_type_ontology_id": "CL:0000763",
                "tissue_ontology_id": "UBERON:0001155",
                "sex": "male",
            },
            "num_samples": 1,
        },
    ],
}
