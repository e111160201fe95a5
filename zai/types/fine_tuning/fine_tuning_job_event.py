"""zai-sdk 0.2.3's import path for the models of fine-tuning events."""

from zai_api.models.fine_tuning_job_event import FineTuningJobEvent as JobEvent
from zai_api.models.fine_tuning_job_event_list import FineTuningJobEventList as FineTuningJobEvent

__all__ = ["FineTuningJobEvent", "JobEvent"]
