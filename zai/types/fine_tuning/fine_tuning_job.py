"""zai-sdk 0.2.3's import path for the models of fine-tuning jobs."""

from zai_api.models.fine_tuning_job import FineTuningJob
from zai_api.models.fine_tuning_job_list import FineTuningJobList as ListOfFineTuningJob

__all__ = ["FineTuningJob", "ListOfFineTuningJob"]
